//! Indicators, statistics: confidence intervals and tests for survey shares and means, and
//! the exact conditional test for crime counts against baseline years. Distributions come
//! from statrs; what is built here is the tests themselves, each with its reference.

use statrs::distribution::{Binomial, ChiSquared, ContinuousCDF, Discrete, Normal, StudentsT};

/// z for a two-sided 95 % interval.
pub const Z95: f64 = 1.959_963_984_540_054;

/// Standard normal cumulative distribution, Φ(x) (statrs).
pub fn normal_cdf(x: f64) -> f64 {
    Normal::standard().cdf(x)
}

/// Two-sided p-value of a z statistic: 2·Φ(−|z|), computed in the tail so that small
/// p-values keep their digits.
pub fn two_sided_p(z: f64) -> f64 {
    (2.0 * normal_cdf(-z.abs())).min(1.0)
}

/// The exact two-sided binomial test of `x` successes in `n` trials with probability `p`.
///
/// Formula: the sum of P(X = i) over every i with P(X = i) ≤ P(X = x)·(1 + 10⁻⁷) — the
/// definition of R's `binom.test` and `scipy.stats.binomtest` (method "two-sided").
pub fn binomial_two_sided_p(x: u64, n: u64, p: f64) -> f64 {
    // Summing every term is exact and fast for any count a neighbourhood has; far above
    // that the normal approximation is as good as exact.
    if n > EXACT_UP_TO {
        let (mean, sd) = (n as f64 * p, (n as f64 * p * (1.0 - p)).sqrt());
        return two_sided_p((x as f64 - mean) / sd);
    }
    let Ok(b) = Binomial::new(p, n) else {
        return 1.0;
    };
    let limit = b.pmf(x) * (1.0 + 1e-7);
    let p: f64 = (0..=n).map(|i| b.pmf(i)).filter(|q| *q <= limit).sum();
    p.min(1.0)
}

/// Above this many trials the binomial test uses the normal approximation.
pub const EXACT_UP_TO: u64 = 1_000_000;

/// Clopper–Pearson exact 95 % interval for a binomial share x/n.
///
/// Formula: lower = B⁻¹(0.025; x, n − x + 1), upper = B⁻¹(0.975; x + 1, n − x), with B⁻¹ the
/// inverse regularised incomplete beta function (statrs); 0 and 1 at the ends.
pub fn clopper_pearson(x: u64, n: u64) -> Option<(f64, f64)> {
    if n == 0 || x > n {
        return None;
    }
    // Far above any neighbourhood's counts the exact limits equal Wilson's to many digits
    // (and the inverse beta function is slow there).
    if n > EXACT_UP_TO {
        return wilson(x as f64 / n as f64, n as f64);
    }
    let (x, n) = (x as f64, n as f64);
    let lower = if x == 0.0 {
        0.0
    } else {
        statrs::function::beta::inv_beta_reg(x, n - x + 1.0, 0.025)
    };
    let upper = if x == n {
        1.0
    } else {
        statrs::function::beta::inv_beta_reg(x + 1.0, n - x, 0.975)
    };
    Some((lower, upper))
}

/// A count in a period against the counts of the same period in k baseline years.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CountTest {
    /// Two-sided exact p-value.
    pub p: f64,
    /// The rate ratio: the count against the baseline mean, x / (b/k).
    pub ratio: Option<f64>,
    /// Its exact 95 % interval.
    pub ratio_ci: Option<(f64, f64)>,
}

/// The exact conditional test for comparing a Poisson count with k baseline counts of the
/// same length (Przyborowski & Wilenski 1940).
///
/// Formula: given the total, the period's count X ~ Binomial(X + B, 1/(k + 1)) when the rate
/// has not changed (B the baseline years' total); p is [`binomial_two_sided_p`] — the same as
/// R's `poisson.test(c(x, b), c(1, k))`. The rate ratio x/(b/k) = k·π/(1 − π) with π = x/(x +
/// b), and its interval from the [`clopper_pearson`] limits of π.
pub fn count_test(x: u64, baseline_total: u64, k: usize) -> Option<CountTest> {
    if k == 0 {
        return None;
    }
    let (n, k) = (x.checked_add(baseline_total)?, k as f64);
    if n == 0 {
        return Some(CountTest {
            p: 1.0,
            ratio: None,
            ratio_ci: None,
        });
    }
    let p = binomial_two_sided_p(x, n, 1.0 / (k + 1.0));
    let to_ratio = |pi: f64| (pi < 1.0).then(|| k * pi / (1.0 - pi));
    let ratio = (baseline_total > 0).then(|| x as f64 * k / baseline_total as f64);
    let ratio_ci = clopper_pearson(x, n).and_then(|(lo, hi)| Some((to_ratio(lo)?, to_ratio(hi)?)));
    Some(CountTest { p, ratio, ratio_ci })
}

/// Do the baseline years' counts vary more than Poisson chance allows?
///
/// Formula: the index of dispersion D = Σ(cᵢ − c̄)²/c̄ over the k baseline counts follows χ²
/// with k − 1 degrees of freedom for Poisson counts (Fisher's dispersion test); returns its
/// upper-tail p-value. Needs k ≥ 2 and a mean above 0. The compared year is left out on
/// purpose: a real change in it is what the main test looks for.
pub fn dispersion_p(counts: &[f64]) -> Option<f64> {
    let k = counts.len();
    let mean = counts.iter().sum::<f64>() / k as f64;
    if k < 2 || mean <= 0.0 {
        return None;
    }
    let d: f64 = counts.iter().map(|c| (c - mean).powi(2)).sum::<f64>() / mean;
    let chi = ChiSquared::new((k - 1) as f64).ok()?;
    Some(1.0 - chi.cdf(d))
}

/// Wilson score interval for a share p observed among n (95 %).
///
/// Formula (Wilson 1927): centre = (p + z²/2n) / (1 + z²/n),
/// half-width = z·√(p(1−p)/n + z²/4n²) / (1 + z²/n). With weights, pass Kish's effective n.
/// Returns `None` when n is not positive.
pub fn wilson(p: f64, n: f64) -> Option<(f64, f64)> {
    if n <= 0.0 || !(0.0..=1.0).contains(&p) {
        return None;
    }
    let z2 = Z95 * Z95;
    let denom = 1.0 + z2 / n;
    let centre = (p + z2 / (2.0 * n)) / denom;
    let half = Z95 * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt() / denom;
    Some(((centre - half).max(0.0), (centre + half).min(1.0)))
}

/// Kish's effective sample size of weights: (Σw)² / Σw². Equal weights give n.
pub fn effective_n(sum_w: f64, sum_w2: f64) -> f64 {
    if sum_w2 > 0.0 {
        sum_w * sum_w / sum_w2
    } else {
        0.0
    }
}

/// Two-proportion z-test with pooled variance; returns the two-sided p-value.
///
/// Formula: p̂ = (p₁n₁ + p₂n₂)/(n₁ + n₂), z = (p₁ − p₂) / √(p̂(1−p̂)(1/n₁ + 1/n₂)).
pub fn two_proportion_p(p1: f64, n1: f64, p2: f64, n2: f64) -> Option<f64> {
    if n1 <= 0.0 || n2 <= 0.0 {
        return None;
    }
    let pooled = (p1 * n1 + p2 * n2) / (n1 + n2);
    let se = (pooled * (1.0 - pooled) * (1.0 / n1 + 1.0 / n2)).sqrt();
    if se == 0.0 {
        return Some(if p1 == p2 { 1.0 } else { 0.0 });
    }
    Some(two_sided_p((p1 - p2) / se))
}

/// Welch's t-test for two means (unequal variances); returns the two-sided p-value.
///
/// Formula: t = (m₁ − m₂) / √(s₁²/n₁ + s₂²/n₂) on the Welch–Satterthwaite degrees of freedom
/// ν = (s₁²/n₁ + s₂²/n₂)² / ((s₁²/n₁)²/(n₁ − 1) + (s₂²/n₂)²/(n₂ − 1)); p from Student's t
/// (statrs). With weighted answers, n is Kish's effective n.
pub fn two_means_p(m1: f64, sd1: f64, n1: f64, m2: f64, sd2: f64, n2: f64) -> Option<f64> {
    if n1 <= 1.0 || n2 <= 1.0 {
        return None;
    }
    let (v1, v2) = (sd1 * sd1 / n1, sd2 * sd2 / n2);
    let se = (v1 + v2).sqrt();
    if se == 0.0 {
        return Some(if m1 == m2 { 1.0 } else { 0.0 });
    }
    let df = (v1 + v2).powi(2) / (v1 * v1 / (n1 - 1.0) + v2 * v2 / (n2 - 1.0));
    let t = StudentsT::new(0.0, 1.0, df).ok()?;
    Some((2.0 * t.cdf(-((m1 - m2) / se).abs())).min(1.0))
}

/// Poisson test of a count against an expected count (the baseline mean), normal
/// approximation: z = (observed − expected) / √expected. Returns the two-sided p-value.
pub fn poisson_p(observed: f64, expected: f64) -> Option<f64> {
    (expected > 0.0).then(|| two_sided_p((observed - expected) / expected.sqrt()))
}

#[cfg(test)]
mod exact_tests {
    use super::*;

    #[test]
    fn the_exact_test_matches_r_and_scipy() {
        // Weapons in the sample's year report: 12 against 6 + 6 in 2015–2016 (k = 2), so
        // X | 24 ~ Binomial(24, 1/3). Summed exactly with rational numbers (Python
        // fractions, the same definition as binom.test / binomtest): p = 0.0875588.
        let t = count_test(12, 12, 2).unwrap();
        assert!((t.p - 0.087_558_8).abs() < 1e-6, "{}", t.p);
        assert_eq!(t.ratio, Some(2.0));
        // Narcotics: 54 against 29 + 29, Binomial(112, 1/3): p = 0.00124068.
        let t = count_test(54, 58, 2).unwrap();
        assert!((t.p - 0.001_240_68).abs() < 1e-7, "{}", t.p);
        // Nothing against nothing is no evidence of a change.
        assert_eq!(count_test(0, 0, 2).unwrap().p, 1.0);
        // More cases, each summed exactly with rational numbers (Python fractions over the
        // binomial probabilities, the binom.test definition):
        // 24 against 23 over 2 years, Binomial(47, 1/3): p = 0.0128167.
        assert!((count_test(24, 23, 2).unwrap().p - 0.012_816_7).abs() < 1e-7);
        // 4 against 3 over 2 years, Binomial(7, 1/3): p = 0.2318244.
        assert!((count_test(4, 3, 2).unwrap().p - 0.231_824_4).abs() < 1e-7);
        // 0 against 9 over 3 years, Binomial(9, 1/4): p = 0.1240120.
        let t = count_test(0, 9, 3).unwrap();
        assert!((t.p - 0.124_012_0).abs() < 1e-7, "{}", t.p);
        // 0 cases: the ratio is 0, its upper limit from the Clopper–Pearson bound of π = 0/9,
        // 1 − 0.025^(1/9) = 0.336267: 3 · 0.336267 / 0.663733 = 1.519891.
        assert_eq!(t.ratio, Some(0.0));
        let (lo, hi) = t.ratio_ci.unwrap();
        assert!(lo == 0.0 && (hi - 1.519_891).abs() < 1e-5, "{hi}");
    }

    #[test]
    fn welch_uses_the_t_distribution_on_satterthwaite_degrees_of_freedom() {
        // m 2.73 (sd 1.2, n 158) against 2.13 (sd 1.3, n 176): v = 0.009114 + 0.009602,
        // se = 0.136807, t = 4.38574, ν = 331.74; p = 2·T_ν(−4.38574) = 1.5543·10⁻⁵ (the t
        // tail integrated numerically by Simpson's rule in Python); the normal
        // approximation would give 1.1559·10⁻⁵.
        let p = two_means_p(2.73, 1.2, 158.0, 2.13, 1.3, 176.0).unwrap();
        assert!((p - 1.5543e-5).abs() < 2e-8, "{p}");
    }

    #[test]
    fn huge_counts_neither_overflow_nor_loop() {
        // Found by the ingest harness: counts near u64::MAX overflowed the total.
        assert_eq!(count_test(u64::MAX, 1, 2), None);
        // Six million trials use the normal approximation: 2 000 000 of 6 000 000 at 1/3 is
        // exactly the expected count, p = 1.
        let t = count_test(2_000_000, 4_000_000, 2).unwrap();
        assert!((t.p - 1.0).abs() < 1e-9, "{}", t.p);
    }

    #[test]
    fn clopper_pearson_matches_the_tables() {
        // 12 of 24: the p where P(X ≥ 12) = 0.025 and where P(X ≤ 12) = 0.025, found by
        // bisection on the binomial sums: 0.291242 – 0.708758.
        let (lo, hi) = clopper_pearson(12, 24).unwrap();
        assert!(
            (lo - 0.291_242).abs() < 1e-5 && (hi - 0.708_758).abs() < 1e-5,
            "{lo} {hi}"
        );
        // 0 of 10: 0 – 0.308497.
        let (lo, hi) = clopper_pearson(0, 10).unwrap();
        assert!(lo == 0.0 && (hi - 0.308_497).abs() < 1e-5, "{hi}");
    }

    #[test]
    fn baseline_years_that_vary_too_much_are_found() {
        // 10 and 30: D = (100 + 100)/20 = 10 on 1 df, p = 0.0016. 10 and 12: D = 0.18, p = 0.67.
        assert!(dispersion_p(&[10.0, 30.0]).unwrap() < 0.002);
        assert!(dispersion_p(&[10.0, 12.0]).unwrap() > 0.6);
        assert_eq!(dispersion_p(&[10.0]), None);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, tol: f64) -> bool {
        (a - b).abs() < tol
    }

    #[test]
    fn normal_cdf_matches_tables() {
        assert!(close(normal_cdf(0.0), 0.5, 1e-7));
        assert!(close(normal_cdf(1.96), 0.975_002, 1e-5));
        assert!(close(normal_cdf(-1.0), 0.158_655, 1e-5));
    }

    #[test]
    fn wilson_interval_worked_by_hand() {
        // p = 0.5, n = 100: centre 0.5, half = 1.96·√(0.0025 + 0.000096)/1.0384 = 0.0963.
        let (lo, hi) = wilson(0.5, 100.0).unwrap();
        assert!(close(lo, 0.4038, 1e-4), "{lo}");
        assert!(close(hi, 0.5962, 1e-4), "{hi}");
        // p = 0 stays inside [0, 1] and has a positive upper limit: 3.84/(20+3.84) = 0.1611.
        let (lo, hi) = wilson(0.0, 20.0).unwrap();
        assert_eq!(lo, 0.0);
        assert!(close(hi, 0.1611, 1e-4), "{hi}");
        assert_eq!(wilson(0.5, 0.0), None);
    }

    #[test]
    fn effective_n_of_equal_and_unequal_weights() {
        assert_eq!(effective_n(10.0, 10.0), 10.0);
        // Weights 1 and 3: (4)² / (1 + 9) = 1.6.
        assert!(close(effective_n(4.0, 10.0), 1.6, 1e-12));
        // All weights zero: no base at all.
        assert_eq!(effective_n(0.0, 0.0), 0.0);
    }

    #[test]
    fn two_proportion_test_worked_by_hand() {
        // 0.60 of 200 vs 0.50 of 200: pooled 0.55, se = √(0.2475·0.01) = 0.04975,
        // z = 2.010, p = 0.0444.
        let p = two_proportion_p(0.6, 200.0, 0.5, 200.0).unwrap();
        assert!(close(p, 0.0444, 5e-4), "{p}");
        assert!(two_proportion_p(0.6, 200.0, 0.58, 200.0).unwrap() > 0.05);
    }

    #[test]
    fn poisson_test_worked_by_hand() {
        // 57 against 43: z = 14/√43 = 2.135, p = 0.0328.
        let p = poisson_p(57.0, 43.0).unwrap();
        assert!(close(p, 0.0328, 5e-4), "{p}");
        assert_eq!(poisson_p(3.0, 0.0), None);
    }
}
