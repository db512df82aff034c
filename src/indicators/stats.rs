//! Indicators, statistics: confidence intervals and tests for survey shares and means,
//! and a Poisson test for crime counts.

/// z for a two-sided 95 % interval.
pub const Z95: f64 = 1.959_963_984_540_054;

/// Standard normal cumulative distribution, Φ(x).
///
/// Formula: Φ(x) = ½·(1 + erf(x/√2)), with erf from Abramowitz & Stegun 7.1.26
/// (absolute error below 1.5·10⁻⁷, ample for a 5 % test).
pub fn normal_cdf(x: f64) -> f64 {
    let t = x.abs() / std::f64::consts::SQRT_2;
    let k = 1.0 / (1.0 + 0.327_591_1 * t);
    let poly = k
        * (0.254_829_592
            + k * (-0.284_496_736
                + k * (1.421_413_741 + k * (-1.453_152_027 + k * 1.061_405_429))));
    let erf = 1.0 - poly * (-t * t).exp();
    if x >= 0.0 {
        0.5 * (1.0 + erf)
    } else {
        0.5 * (1.0 - erf)
    }
}

/// Two-sided p-value of a z statistic: 2·(1 − Φ(|z|)).
pub fn two_sided_p(z: f64) -> f64 {
    2.0 * (1.0 - normal_cdf(z.abs()))
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

/// Welch's test for two means, with the normal distribution for the statistic (bases
/// under the catalog's minimum are never tested, so n ≥ 30 on both sides).
///
/// Formula: z = (m₁ − m₂) / √(s₁²/n₁ + s₂²/n₂); returns the two-sided p-value.
pub fn two_means_p(m1: f64, sd1: f64, n1: f64, m2: f64, sd2: f64, n2: f64) -> Option<f64> {
    if n1 <= 1.0 || n2 <= 1.0 {
        return None;
    }
    let se = (sd1 * sd1 / n1 + sd2 * sd2 / n2).sqrt();
    if se == 0.0 {
        return Some(if m1 == m2 { 1.0 } else { 0.0 });
    }
    Some(two_sided_p((m1 - m2) / se))
}

/// Poisson test of a count against an expected count (the baseline mean), normal
/// approximation: z = (observed − expected) / √expected. Returns the two-sided p-value.
pub fn poisson_p(observed: f64, expected: f64) -> Option<f64> {
    (expected > 0.0).then(|| two_sided_p((observed - expected) / expected.sqrt()))
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
