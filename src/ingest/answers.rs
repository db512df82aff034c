//! Ingest, survey answers: each share question's answer texts as the catalog classes them
//! (counted, in the base, left out), so that an answer renamed in the survey is caught
//! instead of becoming a silent 0 %.

use std::collections::BTreeMap;

use serde::Serialize;

use super::Tables;
use crate::catalog::{did_you_mean_or_contained, Catalog, SurveyIndicator};
use crate::names::fold;

/// What an answer text is to a share indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AnswerClass {
    /// One of `andel_svar`: counted in the share.
    Counted,
    /// In the base but not counted (every answer not listed).
    Base,
    /// One of `ej_svar`: left out of the base.
    LeftOut,
}

/// One share indicator's question and the answers the input holds to it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuestionAnswers {
    pub indicator: String,
    pub question: String,
    /// Each distinct answer text, in the order of the texts.
    pub answers: Vec<Answer>,
    /// Answers of `andel_svar` that no respondent gave.
    pub never_given: Vec<String>,
}

/// One answer text (as first written), its class and how many respondents gave it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Answer {
    pub text: String,
    pub class: AnswerClass,
    pub respondents: usize,
}

/// The answers to every share question the catalog uses, from the respondent rows.
pub fn answers(catalog: &Catalog, tables: &Tables) -> Vec<QuestionAnswers> {
    catalog
        .survey_indicators
        .iter()
        .filter_map(|ind| Some((ind, ind.question.as_deref()?)))
        .map(|(ind, question)| answers_to(ind, question, tables))
        .filter(|q| !q.answers.is_empty())
        .collect()
}

fn answers_to(ind: &SurveyIndicator, question: &str, tables: &Tables) -> QuestionAnswers {
    // Counted by the text as written, then folded once per distinct text: folding every
    // respondent's answer cost a region of 30 promises a tenth of a second.
    let mut written: std::collections::HashMap<&str, usize> = Default::default();
    let mut order: Vec<&str> = vec![];
    for r in &tables.respondents {
        if let Some(a) = r.answer(question) {
            let n = written.entry(a).or_insert_with(|| {
                order.push(a);
                0
            });
            *n += 1;
        }
    }
    let mut found: BTreeMap<String, (String, usize)> = BTreeMap::new();
    for a in order {
        let n = written.get(a).copied().unwrap_or(0);
        found
            .entry(fold(a))
            .or_insert_with(|| (a.trim().to_string(), 0))
            .1 += n;
    }
    let listed = |list: &[String], folded: &str| list.iter().any(|x| fold(x) == folded);
    let answers = found
        .iter()
        .map(|(folded, (text, n))| {
            let class = if listed(&ind.share_answers, folded) {
                AnswerClass::Counted
            } else if listed(&ind.excluded_answers, folded) {
                AnswerClass::LeftOut
            } else {
                AnswerClass::Base
            };
            Answer {
                text: text.clone(),
                class,
                respondents: *n,
            }
        })
        .collect();
    let never_given = ind
        .share_answers
        .iter()
        .filter(|a| !found.contains_key(&fold(a)))
        .cloned()
        .collect();
    QuestionAnswers {
        indicator: ind.id.clone(),
        question: question.to_string(),
        answers,
        never_given,
    }
}

/// The catalog answers that are plainly not the survey's own words, as messages that say
/// what to do.
///
/// Rule: an answer of `andel_svar` that no respondent gave is an error when none of the
/// indicator's `andel_svar` was given at all (the share would be a silent 0 %), or when an
/// answer given in the base is a near miss of it (renamed: "Ganska stort" for "Ganska stort
/// förtroende"); the nearest answer given is suggested. An answer nobody chose among
/// correctly written ones is not an error.
pub fn problems(questions: &[QuestionAnswers]) -> Vec<String> {
    let mut out = vec![];
    for q in questions {
        let none_counted = !q.answers.iter().any(|a| a.class == AnswerClass::Counted);
        let base: Vec<&str> = q
            .answers
            .iter()
            .filter(|a| a.class == AnswerClass::Base)
            .map(|a| a.text.as_str())
            .collect();
        for missing in &q.never_given {
            let hint = did_you_mean_or_contained(missing, base.iter().copied());
            if none_counted || !hint.is_empty() {
                let given: Vec<&str> = q.answers.iter().map(|a| a.text.as_str()).collect();
                out.push(format!(
                    "enkätindikatorn '{}': svaret '{missing}' i andel_svar finns inte bland svaren i kolumnen '{}' ({}){hint}; rätta andel_svar i katalogen så att andelen inte blir 0 %",
                    q.indicator,
                    q.question,
                    given.join(", ")
                ));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::Respondent;
    use std::sync::Arc;

    fn catalog(chosen: &str) -> Catalog {
        let text = format!(
            r#"titel = "T"
omrade = "A"
ar = 2017
parter = ["P"]
[[enkatindikator]]
id = "fortroende"
namn = "Förtroende"
fraga = "F12"
andel_svar = [{chosen}]
ej_svar = ["Vet ej"]
battre = "hogre"
"#
        );
        crate::catalog::load_from(&text).unwrap()
    }

    fn tables(answers: &[&str]) -> Tables {
        let respondents = answers
            .iter()
            .map(|a| Respondent {
                area: "A".into(),
                year: 2017,
                weight: 1.0,
                answers: vec![(Arc::from("F12"), Arc::from(*a))],
            })
            .collect();
        Tables {
            respondents,
            ..Default::default()
        }
    }

    #[test]
    fn a_renamed_answer_is_an_error_with_the_nearest_answer() {
        // The survey says "Ganska stort"; the catalog counts "Ganska stort förtroende".
        let cat = catalog(r#""Mycket stort förtroende", "Ganska stort förtroende""#);
        let data = tables(&["Ganska stort", "Ganska stort", "Litet", "Vet ej"]);
        let q = answers(&cat, &data);
        let classes: Vec<(&str, AnswerClass, usize)> = q[0]
            .answers
            .iter()
            .map(|a| (a.text.as_str(), a.class, a.respondents))
            .collect();
        assert_eq!(
            classes,
            vec![
                ("Ganska stort", AnswerClass::Base, 2),
                ("Litet", AnswerClass::Base, 1),
                ("Vet ej", AnswerClass::LeftOut, 1),
            ]
        );
        let p = problems(&q);
        assert_eq!(p.len(), 2, "{p:?}");
        assert!(p[1].contains("'Ganska stort förtroende'"), "{}", p[1]);
        assert!(p[1].contains("menade du 'Ganska stort'"), "{}", p[1]);
    }

    #[test]
    fn an_answer_nobody_gave_is_not_an_error_when_the_others_match() {
        // "Mycket stort" was chosen by nobody, "Ganska stort" by two: a real share.
        let cat = catalog(r#""Mycket stort", "Ganska stort""#);
        let data = tables(&["Ganska stort", "ganska  STORT", "Litet"]);
        let q = answers(&cat, &data);
        let first = &q[0].answers[0];
        assert_eq!(
            (first.text.as_str(), first.class, first.respondents),
            ("Ganska stort", AnswerClass::Counted, 2)
        );
        assert!(problems(&q).is_empty());
    }
}
