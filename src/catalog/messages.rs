//! Catalog, messages: the TOML parser's and serde's English errors rewritten in Swedish
//! for the analyst — the line, what is wrong, what is allowed there, and "menade du …?"
//! for a near miss. No Rust type names reach the user.

use crate::names::fold;

/// A decimal written with a comma, or another stray character after a value.
pub const DECIMAL_COMMA: &str = "ogiltigt tal eller oväntat tecken: skriv decimaltal med punkt (2.5, inte 2,5) och skilj värden i en lista med komma inom [ ]";

/// Does a catalog line hold a number written with a decimal comma as a key's value
/// (`minst = 2,5`), outside quotes and lists?
pub fn decimal_comma(line: &str) -> bool {
    let (mut quoted, mut depth) = (false, 0);
    let chars: Vec<char> = line.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        match c {
            '"' => quoted = !quoted,
            '[' if !quoted => depth += 1,
            ']' if !quoted => depth -= 1,
            '=' if !quoted && depth == 0 => {
                let rest: String = chars[i + 1..].iter().collect();
                let value = rest.trim_start();
                let digits = value.chars().take_while(|c| c.is_ascii_digit()).count();
                let after: Vec<char> = value.chars().skip(digits).take(2).collect();
                if digits > 0
                    && after.first() == Some(&',')
                    && after.get(1).is_some_and(|c| c.is_ascii_digit())
                {
                    return true;
                }
            }
            _ => {}
        }
    }
    false
}

/// The keys each kind of `matt` takes besides `typ` (docs/catalog.md), for the hint that a
/// key belongs to another kind.
const KIND_KEYS: &[(&str, &[&str])] = &[
    (
        "rakna",
        &[
            "loggtyper",
            "platser",
            "per_plats",
            "per_omrade",
            "fokus",
            "per_fokus",
            "veckodagar",
            "fran_klockan",
            "till_klockan",
            "utforare",
            "rakna",
            "per",
            "minst",
            "jamfor_aret_innan",
            "ocksa_per",
            "redovisa_aven",
            "namn",
            "namn_ental",
        ],
    ),
    ("svarstid", &["loggtyper", "inom_timmar", "minst", "per"]),
    (
        "bestand",
        &[
            "loggtyper",
            "avslut_loggtyper",
            "start_antal",
            "minst_okning",
        ],
    ),
    ("leverans", &["senast"]),
    (
        "bemanning",
        &[
            "roll",
            "roller",
            "plats",
            "platser",
            "veckodagar",
            "fran_klockan",
            "till_klockan",
            "antal",
        ],
    ),
    ("besok_per_termin", &["platser", "antal", "loggtyper"]),
    (
        "insatser",
        &["loggtyper", "fokus", "minst_per_manad", "per_fokus"],
    ),
    ("synlighet", &["loggtyper", "mal_timmar_per_tertial"]),
    ("aktiviteter", &["loggtyper", "minst_per_tertial"]),
];

/// The kinds of `matt` that take `key`, quoted ("\"svarstid\"").
fn kinds_taking(key: &str) -> Vec<String> {
    KIND_KEYS
        .iter()
        .filter(|(_, keys)| keys.contains(&key))
        .map(|(kind, _)| format!("\"{kind}\""))
        .collect()
}

/// The Swedish message for a TOML or serde error text (`toml::de::Error::message`).
pub fn swedish(message: &str) -> String {
    let m = message.trim();
    if let Some(rest) = m.strip_prefix("unknown field ") {
        let rest = rest.trim_end_matches(", there are no fields");
        let (got, allowed) = split_expected(rest);
        if allowed.is_empty() {
            return format!("okänd nyckel '{got}': den här typen kan inte ha andra nycklar än typ (ett mål skrivs med typ = \"rakna\" och minst)");
        }
        let hint = did_you_mean(&got, allowed.iter().map(String::as_str));
        let kinds = kinds_taking(&got);
        let elsewhere = if hint.is_empty() && !kinds.is_empty() {
            format!(" (nyckeln hör till typ = {})", kinds.join(" eller "))
        } else {
            String::new()
        };
        return format!(
            "okänd nyckel '{got}'{hint}{elsewhere}; tillåtna här: {}",
            allowed.join(", ")
        );
    }
    if let Some(rest) = m.strip_prefix("unknown variant ") {
        let (got, allowed) = split_expected(rest);
        let hint = did_you_mean(&got, allowed.iter().map(String::as_str));
        return format!(
            "okänt värde '{got}'{hint}; tillåtna värden: {}",
            allowed.join(", ")
        );
    }
    if let Some(rest) = m.strip_prefix("missing field ") {
        return format!("nyckeln '{}' saknas här", unquote(rest));
    }
    if let Some(rest) = m.strip_prefix("duplicate key ") {
        return format!("nyckeln '{}' står två gånger", unquote(rest));
    }
    if let Some(rest) = m
        .strip_prefix("invalid type: ")
        .or_else(|| m.strip_prefix("invalid value: "))
    {
        if let Some((got, wanted)) = rest.split_once(", expected ") {
            return format!(
                "fel sorts värde: {} står där {} behövs",
                value_kind(got),
                wanted_kind(wanted)
            );
        }
    }
    if m.contains("invalid number") || m.contains("expected newline") && m.contains(',') {
        return DECIMAL_COMMA.into();
    }
    if m.contains("expected newline") || m.contains("expected `.`, `=`") {
        return "oväntat tecken efter värdet: varje nyckel = värde står på en egen rad; text skrivs inom \"citattecken\"".into();
    }
    if m.contains("invalid string") || m.contains("invalid basic string") {
        return "ogiltig text: text skrivs inom \"citattecken\" och får inte sträcka sig över flera rader".into();
    }
    if m.contains("invalid unquoted key") || m.contains("invalid key") {
        return "ogiltig nyckel: nycklar skrivs utan å, ä, ö och mellanslag (t.ex. omrade, baslinje_ar)".into();
    }
    if m.contains("unclosed array") || m.contains("unclosed table") {
        return "en lista [ ] eller tabell { } stängs aldrig".into();
    }
    if m.contains("invalid table header") || m.contains("duplicate") {
        return format!("ogiltig eller upprepad tabellrubrik ({m})");
    }
    format!("katalogen kan inte läsas: {m}")
}

/// `` `x`, expected one of `a`, `b` `` → ("x", ["a", "b"]).
fn split_expected(rest: &str) -> (String, Vec<String>) {
    let (got, allowed) = rest
        .split_once(", expected ")
        .map_or((rest, ""), |(g, a)| (g, a));
    let allowed = allowed
        .trim_start_matches("one of ")
        .split(", ")
        .flat_map(|a| a.split(" or "))
        .map(unquote)
        .filter(|s| !s.is_empty())
        .collect();
    (unquote(got), allowed)
}

fn unquote(s: &str) -> String {
    s.trim()
        .trim_matches('`')
        .trim_matches('"')
        .trim_start_matches("a ")
        .to_string()
}

/// serde's description of a value that was found.
fn value_kind(got: &str) -> String {
    let (kind, value) = got.split_once(' ').unwrap_or((got, ""));
    let value = value.trim_matches('`');
    match kind {
        "string" => format!("texten {value}"),
        "integer" => format!("heltalet {value}"),
        "floating" => format!(
            "decimaltalet {}",
            value.trim_start_matches("point ").trim_matches('`')
        ),
        "boolean" => format!("sanningsvärdet {value}"),
        "sequence" => "en lista".into(),
        "map" => "en tabell".into(),
        _ => format!("värdet {got}"),
    }
}

/// serde's description of what was expected, in words an analyst knows.
fn wanted_kind(wanted: &str) -> &'static str {
    let w = wanted.trim();
    if w.starts_with('u') && w[1..].chars().all(|c| c.is_ascii_digit()) {
        "ett heltal som inte är negativt"
    } else if w.starts_with('i') && w[1..].chars().all(|c| c.is_ascii_digit()) {
        "ett heltal"
    } else if w.starts_with('f') && w[1..].chars().all(|c| c.is_ascii_digit()) {
        "ett tal (decimaler med punkt)"
    } else if w.contains("string") {
        "text inom \"citattecken\""
    } else if w.contains("sequence") {
        "en lista inom [ ]"
    } else if w.contains("bool") {
        "true eller false"
    } else if w.contains("datetime") || w.contains("date") {
        "ett datum (2019-01-01)"
    } else {
        "en tabell { ... }"
    }
}

/// ", menade du 'x'?" when one of `candidates` is a near miss of `got` (at most two edits
/// after folding case and diacritics), else "".
pub fn did_you_mean<'a>(got: &str, candidates: impl Iterator<Item = &'a str>) -> String {
    let g = fold(got);
    candidates
        .map(|c| (edit_distance(&g, &fold(c)), c))
        // Close enough to be a slip: at most two edits, and few for the word's length.
        .filter(|(d, c)| *d <= 2 && d * 3 <= g.chars().count().max(fold(c).chars().count()))
        .min_by_key(|(d, _)| *d)
        .map_or(String::new(), |(_, c)| format!(" (menade du '{c}'?)"))
}

/// [`did_you_mean`], and also a candidate that holds `got` or is held by it after folding
/// ("Ganska stort" for "Ganska stort förtroende"): an answer text shortened or lengthened in
/// a new survey, not a typing slip.
pub fn did_you_mean_or_contained<'a>(
    got: &str,
    candidates: impl Iterator<Item = &'a str> + Clone,
) -> String {
    let slip = did_you_mean(got, candidates.clone());
    if !slip.is_empty() {
        return slip;
    }
    let g = fold(got);
    candidates
        .filter(|c| {
            let f = fold(c);
            !f.is_empty() && (g.contains(&f) || f.contains(&g))
        })
        .min_by_key(|c| edit_distance(&g, &fold(c)))
        .map_or(String::new(), |c| format!(" (menade du '{c}'?)"))
}

/// Levenshtein distance in characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_of_another_kind_names_the_kinds_that_take_it() {
        let base = "titel = \"T\"\nomrade = \"A\"\nar = 2017\nparter = [\"P\"]\n[[lofte]]\nid = \"P1\"\npart = \"P\"\ntext = \"x\"\n";
        let err = |matt: &str| {
            crate::catalog::load_from(&format!("{base}matt = {{ {matt} }}\n"))
                .unwrap_err()
                .to_string()
        };
        let e = err(r#"typ = "rakna", loggtyper = ["X"], inom_timmar = 24"#);
        assert!(
            e.contains("okänd nyckel 'inom_timmar' (nyckeln hör till typ = \"svarstid\")"),
            "{e}"
        );
        let e = err(r#"typ = "lagesrapport", minst = 6, per = "ar""#);
        assert!(e.contains("okänd nyckel 'minst'"), "{e}");
        assert!(e.contains("kan inte ha andra nycklar"), "{e}");
        // Every key of the table is one its kind takes: a catalog with it parses.
        let good = err(
            r#"typ = "svarstid", loggtyper = ["X"], inom_timmar = 24, minst = 0.9, per = "ar", bogus = 1"#,
        );
        assert!(good.contains("okänd nyckel 'bogus'"), "{good}");
    }

    #[test]
    fn a_decimal_comma_inside_an_inline_table_gets_the_swedish_message() {
        assert!(decimal_comma(r#"matt = { typ = "rakna", minst = 2,5 }"#));
        assert!(decimal_comma("minsta_bas = 2,5"));
        assert!(!decimal_comma("baslinje_ar = [2015,2016]"));
        assert!(!decimal_comma(r#"text = "minst = 2,5 i texten""#));
        for line in [
            r#"matt = { typ = "rakna", loggtyper = ["X"], minst = 2,5 }"#,
            r#"matt = { typ = "rakna", loggtyper = ["X"], minst = 2,5, per = "ar" }"#,
        ] {
            let text = format!("titel = \"T\"\nomrade = \"A\"\nar = 2017\nparter = [\"P\"]\n[[lofte]]\nid = \"P1\"\npart = \"P\"\ntext = \"x\"\n{line}\n");
            let err = crate::catalog::load_from(&text).unwrap_err().to_string();
            assert_eq!(err, format!("rad 9: {DECIMAL_COMMA}"));
        }
    }

    #[test]
    fn edit_distance_counts_single_changes() {
        assert_eq!(edit_distance("platser", "platser"), 0);
        assert_eq!(edit_distance("plaster", "platser"), 2);
        assert_eq!(edit_distance("loggtyp", "loggtyper"), 2);
        assert_eq!(edit_distance("", "abc"), 3);
    }

    #[test]
    fn a_near_miss_gets_a_suggestion_and_a_far_one_none() {
        let keys = ["loggtyper", "platser", "per"];
        assert_eq!(
            did_you_mean("loggtyp", keys.into_iter()),
            " (menade du 'loggtyper'?)"
        );
        assert_eq!(did_you_mean("farg", keys.into_iter()), "");
    }

    #[test]
    fn serde_messages_become_swedish_without_type_names() {
        let m = swedish("invalid type: string \"2\", expected u32");
        assert_eq!(
            m,
            "fel sorts värde: texten \"2\" står där ett heltal som inte är negativt behövs"
        );
        let m = swedish(
            "unknown variant `besok_per_termn`, expected one of `bemanning`, `besok_per_termin`",
        );
        assert_eq!(m, "okänt värde 'besok_per_termn' (menade du 'besok_per_termin'?); tillåtna värden: bemanning, besok_per_termin");
        assert!(!swedish("invalid type: floating point `2.5`, expected u32").contains("u32"));
    }
}
