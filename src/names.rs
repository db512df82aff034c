//! Name matching shared by the catalog and ingest: how "Område", "omrade" and " OMRÅDE " meet.

use unicode_normalization::UnicodeNormalization;

/// Folds a header, place or category name for comparison: lower case, diacritics removed
/// (å→a, ä→a, ö→o, é→e), every run of white space (also no-break space) and the
/// punctuation analysts sprinkle in ("Antal:", "Plats *") folded to one space.
pub fn fold(s: &str) -> String {
    if s.is_ascii() {
        // Nothing to decompose: skip the Unicode normalisation, the costly part.
        fold_chars(s.chars(), s.len())
    } else {
        fold_chars(s.nfd().filter(|c| !is_combining_mark(*c)), s.len())
    }
}

fn fold_chars(chars: impl Iterator<Item = char>, capacity: usize) -> String {
    let mut out = String::with_capacity(capacity);
    let mut pending_space = false;
    for c in chars {
        if c.is_alphanumeric() || c == '%' {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.extend(c.to_lowercase());
        } else {
            pending_space = true;
        }
    }
    out
}

fn is_combining_mark(c: char) -> bool {
    ('\u{0300}'..='\u{036f}').contains(&c)
}

/// Matches a folded name against a catalog pattern: `*` stands for any run of characters,
/// everything else is compared after [`fold`]. `Narkotika*` matches "Narkotikabrott",
/// "Brott mot narkotikastrafflagen*" matches "Brott mot narkotikastrafflagen, innehav".
pub fn glob_matches(pattern: &str, name: &str) -> bool {
    let name = fold(name);
    let parts: Vec<String> = pattern.split('*').map(fold).collect();
    let anchored_end = !pattern.trim_end().ends_with('*');
    let mut rest = name.as_str();
    for (i, part) in parts.iter().enumerate() {
        if part.is_empty() {
            continue;
        }
        if i == 0 {
            match rest.strip_prefix(part.as_str()) {
                Some(r) => rest = r.trim_start(),
                None => return false,
            }
        } else {
            match rest.find(part.as_str()) {
                Some(pos) => rest = rest[pos + part.len()..].trim_start(),
                None => return false,
            }
        }
    }
    !anchored_end || rest.is_empty()
}

/// Strips footnote digits that BRÅ glues to labels ("SAMTLIGA BROTT2" → "SAMTLIGA BROTT").
/// A label that is only digits is kept as it is.
pub fn strip_footnote_digits(label: &str) -> &str {
    let trimmed = label.trim_end_matches(|c: char| c.is_ascii_digit());
    if trimmed.trim().is_empty() || !trimmed.ends_with(|c: char| c.is_alphabetic()) {
        label
    } else {
        trimmed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_ignores_case_space_and_diacritics() {
        assert_eq!(fold(" OMRÅDE "), "omrade");
        assert_eq!(fold("Område"), "omrade");
        assert_eq!(fold("Förskolan\u{a0} Tusenskönan"), "forskolan tusenskonan");
        assert_eq!(fold("KI-undre"), "ki undre");
    }

    #[test]
    fn globs_match_prefixes_and_whole_names() {
        assert!(glob_matches("Narkotika*", "Narkotikabrott"));
        assert!(glob_matches(
            "Brott mot narkotikastrafflagen*",
            "Brott mot narkotikastrafflagen, innehav"
        ));
        assert!(glob_matches("Vapenbrott", "vapenbrott"));
        assert!(!glob_matches("Vapenbrott", "Vapenbrott, grovt"));
        assert!(glob_matches("*knivar*", "Lagen om förbud betr. knivar"));
        assert!(!glob_matches("Narkotika*", "Misshandel"));
    }

    #[test]
    fn footnote_digits_are_removed_only_after_letters() {
        assert_eq!(strip_footnote_digits("SAMTLIGA BROTT2"), "SAMTLIGA BROTT");
        assert_eq!(strip_footnote_digits("2017"), "2017");
        assert_eq!(
            strip_footnote_digits("Vapenlagen (9 kap. 1-2 §)"),
            "Vapenlagen (9 kap. 1-2 §)"
        );
    }
}
