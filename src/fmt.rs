//! Number and date formatting for reports: Swedish by default (decimal comma, space as
//! thousands separator, "45 %"), English on request.

use chrono::NaiveDate;

/// A count with its noun in the right number: `count_of(1, "siffra", "siffror")` → "1 siffra",
/// `count_of(3, …)` → "3 siffror".
pub fn count_of(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// The language of a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Sv,
    En,
}

impl Lang {
    /// The language as a BCP 47 tag, for a document's language entry.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Sv => "sv-SE",
            Lang::En => "en-GB",
        }
    }
}

/// Groups digits by three with a no-break space in Swedish ("1 667"), a comma in English.
fn group_thousands(int_part: &str, lang: Lang) -> String {
    let sep = match lang {
        Lang::Sv => '\u{a0}',
        Lang::En => ',',
    };
    let digits: Vec<char> = int_part.chars().collect();
    let mut out = String::new();
    for (i, c) in digits.iter().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(*c);
    }
    out
}

/// A number with a fixed count of decimals: `number(1667.0, 0, Sv)` → "1 667",
/// `number(1.934, 2, Sv)` → "1,93".
pub fn number(value: f64, decimals: usize, lang: Lang) -> String {
    let s = format!("{:.*}", decimals, value.abs());
    let (int_part, frac) = s
        .split_once('.')
        .map_or((s.as_str(), None), |(i, f)| (i, Some(f)));
    let mut out = String::new();
    // "-0" after rounding is shown as 0.
    if value < 0.0 && s.chars().any(|c| c.is_ascii_digit() && c != '0') {
        out.push('−');
    }
    out.push_str(&group_thousands(int_part, lang));
    if let Some(f) = frac {
        out.push(if lang == Lang::Sv { ',' } else { '.' });
        out.push_str(f);
    }
    out
}

/// A whole count: "1 667".
pub fn count(value: f64, lang: Lang) -> String {
    number(value, 0, lang)
}

/// A share in 0–1 as percent with one decimal: 0.405 → "40,5 %".
pub fn percent(share: f64, lang: Lang) -> String {
    format!("{}\u{a0}%", number(share * 100.0, 1, lang))
}

/// A signed change: "+16", "−3", with a sign always shown.
pub fn signed(value: f64, decimals: usize, lang: Lang) -> String {
    let body = number(value, decimals, lang);
    if value > 0.0 && body.chars().any(|c| c.is_ascii_digit() && c != '0') {
        format!("+{body}")
    } else {
        body
    }
}

/// A change in percentage points: "+3,2 procentenheter".
pub fn points(delta_share: f64, lang: Lang) -> String {
    match lang {
        Lang::Sv => format!("{} procentenheter", signed(delta_share * 100.0, 1, lang)),
        Lang::En => format!("{} percentage points", signed(delta_share * 100.0, 1, lang)),
    }
}

/// The text with its first letter in upper case, for a result that starts a sentence.
pub fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

/// A p-value with three decimals, and "< 0,001" below that: never 0.
pub fn p_value(p: f64, lang: Lang) -> String {
    if p < 0.001 {
        format!("< {}", number(0.001, 3, lang))
    } else {
        number(p, 3, lang)
    }
}

/// ISO date, the same in both languages: 2017-05-31.
pub fn date(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

const MONTHS_SV: [&str; 12] = [
    "jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec",
];

/// A month as "2017-05" for tables.
pub fn month(year: i32, month: u32) -> String {
    format!("{year}-{month:02}")
}

/// A short month name, for chart axes.
pub fn month_short(month: u32) -> &'static str {
    MONTHS_SV[(month as usize).saturating_sub(1) % 12]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swedish_numbers() {
        assert_eq!(number(1667.0, 0, Lang::Sv), "1\u{a0}667");
        assert_eq!(number(1.934, 2, Lang::Sv), "1,93");
        assert_eq!(number(1234567.26, 1, Lang::Sv), "1\u{a0}234\u{a0}567,3");
        assert_eq!(number(-3.0, 0, Lang::Sv), "−3");
        assert_eq!(number(-0.01, 1, Lang::Sv), "0,0");
        assert_eq!(percent(0.405, Lang::Sv), "40,5\u{a0}%");
        assert_eq!(signed(16.0, 0, Lang::Sv), "+16");
        assert_eq!(points(0.032, Lang::Sv), "+3,2 procentenheter");
    }

    #[test]
    fn english_numbers() {
        assert_eq!(number(1667.5, 1, Lang::En), "1,667.5");
        assert_eq!(percent(0.5, Lang::En), "50.0\u{a0}%");
    }
}
