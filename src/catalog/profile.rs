//! Catalog, `[rapport]`: the organisation's own marks on its reports — who publishes them,
//! the case number (diarienummer), the decision date, a contact and the accent colour of
//! its graphic profile, and its logo. All optional; checked like every catalog key.

use chrono::NaiveDate;
use serde::Deserialize;

/// `[rapport]` as written.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct RawProfile {
    organisation: Option<String>,
    kontakt: Option<String>,
    diarienummer: Option<String>,
    beslutsdatum: Option<toml::value::Datetime>,
    accentfarg: Option<String>,
    logotyp: Option<String>,
}

/// The organisation's marks on its reports (`[rapport]`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReportProfile {
    /// Who publishes the report ("Landskrona stad och Lokalpolisområde Landskrona").
    pub organisation: Option<String>,
    /// Whom to ask about it.
    pub contact: Option<String>,
    /// The case number (diarienummer) the report is filed under.
    pub case_number: Option<String>,
    /// When the promise was decided.
    pub decided: Option<NaiveDate>,
    /// Headings and rules in the organisation's colour, as RGB 0–1.
    pub accent: Option<(f32, f32, f32)>,
    /// The organisation's logo, a PNG or JPEG file: as written, then resolved against the
    /// catalog's folder by [`super::load`]. Read by the pipeline, never here.
    pub logo: Option<std::path::PathBuf>,
}

/// The least contrast of the accent against white: WCAG 2.1's 4.5:1 for text, since
/// headings are drawn in it.
const MIN_CONTRAST: f64 = 4.5;

impl RawProfile {
    /// Checks the section; the message says what to write instead.
    pub(super) fn check(self) -> Result<ReportProfile, String> {
        let decided = match &self.beslutsdatum {
            None => None,
            Some(d) => Some(super::measure::toml_date(d).ok_or_else(|| {
                "[rapport] beslutsdatum ska vara ett datum utan klockslag, t.ex. 2017-03-15"
                    .to_string()
            })?),
        };
        let accent = match &self.accentfarg {
            None => None,
            Some(text) => Some(accent(text)?),
        };
        let text = |s: Option<String>| s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
        Ok(ReportProfile {
            organisation: text(self.organisation),
            contact: text(self.kontakt),
            case_number: text(self.diarienummer),
            decided,
            accent,
            logo: text(self.logotyp).map(std::path::PathBuf::from),
        })
    }
}

/// `#005AA0` as RGB 0–1, dark enough to read as text on white.
fn accent(text: &str) -> Result<(f32, f32, f32), String> {
    let hex = text.trim().trim_start_matches('#');
    let channel = |i: usize| {
        hex.get(i..i + 2)
            .and_then(|h| u8::from_str_radix(h, 16).ok())
    };
    let (Some(r), Some(g), Some(b), 6) = (channel(0), channel(2), channel(4), hex.len()) else {
        return Err(format!(
            "[rapport] accentfarg '{text}' är ingen färg; skriv den som i den grafiska profilen, t.ex. \"#005AA0\""
        ));
    };
    let ratio = contrast_with_white(r, g, b);
    if ratio < MIN_CONTRAST {
        return Err(format!(
            "[rapport] accentfarg '{text}' är för ljus för text på vit botten (kontrast {}:1, minst 4,5:1 krävs för tillgänglighet); välj en mörkare nyans ur den grafiska profilen",
            format!("{ratio:.1}").replace('.', ",")
        ));
    }
    Ok((
        f32::from(r) / 255.0,
        f32::from(g) / 255.0,
        f32::from(b) / 255.0,
    ))
}

/// WCAG 2.1's contrast ratio of a colour against white: (1.05) / (L + 0.05), with L the
/// relative luminance of the sRGB colour.
fn contrast_with_white(r: u8, g: u8, b: u8) -> f64 {
    let linear = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.039_28 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    let l = 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
    1.05 / (l + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_accent_must_be_a_colour_dark_enough_for_text() {
        // #004A8C, the default: about 8.9:1 against white.
        assert!((contrast_with_white(0x00, 0x4a, 0x8c) - 8.9).abs() < 0.1);
        // WCAG's own examples: black 21:1, #767676 4.54:1 (the lightest grey that passes).
        assert!((contrast_with_white(0, 0, 0) - 21.0).abs() < 1e-9);
        assert!((contrast_with_white(0x76, 0x76, 0x76) - 4.54).abs() < 0.01);
        let ok = accent("#005AA0").unwrap();
        assert!((ok.2 - 160.0 / 255.0).abs() < 1e-6);
        assert!(accent("#FFD700").unwrap_err().contains("för ljus"));
        assert!(accent("blå").unwrap_err().contains("är ingen färg"));
        assert!(accent("#12345").unwrap_err().contains("är ingen färg"));
    }
}
