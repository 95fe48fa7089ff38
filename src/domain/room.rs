//! How full the browser's storage is: shares of what it allows, when to warn, and sizes
//! people read.

/// About how many characters localStorage keeps per site (browsers cap it near five
/// million).
pub const LOCAL_STORAGE_CHARS: f64 = 5_000_000.0;

/// From this share of what the browser allows, the Data page warns.
pub const WARN_AT: f64 = 0.8;

/// Part of a limit in use.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Share {
    pub used: f64,
    pub allowed: f64,
}

impl Share {
    /// The part used, from 0 to 1 (1 when nothing is allowed at all).
    pub fn fraction(&self) -> f64 {
        if self.allowed > 0.0 {
            (self.used / self.allowed).clamp(0.0, 1.0)
        } else {
            1.0
        }
    }

    /// Whole percent used, rounded down so 100% means full.
    pub fn percent(&self) -> u32 {
        (self.fraction() * 100.0).floor() as u32
    }

    /// Whether the page should warn.
    pub fn nearly_full(&self) -> bool {
        self.fraction() >= WARN_AT
    }

    /// What is left.
    pub fn free(&self) -> f64 {
        (self.allowed - self.used).max(0.0)
    }
}

/// A size as people read it: "820 bytes", "14.2 KB", "3.4 MB", "1.2 GB" (powers of 1,000).
pub fn size(bytes: f64) -> String {
    match bytes {
        b if b < 1_000.0 => format!("{} bytes", b.max(0.0).round()),
        b if b < 1_000_000.0 => format!("{:.1} KB", b / 1_000.0),
        b if b < 1_000_000_000.0 => format!("{:.1} MB", b / 1_000_000.0),
        b => format!("{:.1} GB", b / 1_000_000_000.0),
    }
}

/// A whole number with thousands separators: "4,200,000".
pub fn thousands(n: f64) -> String {
    let digits = format!("{:.0}", n.max(0.0));
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_warn_from_eighty_percent_and_never_divide_by_zero() {
        let share = |used, allowed| Share { used, allowed };
        assert!(!share(3_999_999.0, 5_000_000.0).nearly_full());
        assert!(share(4_000_000.0, 5_000_000.0).nearly_full());
        assert_eq!(share(4_999_999.0, 5_000_000.0).percent(), 99);
        assert_eq!(share(6.0, 5.0).percent(), 100);
        assert!(share(0.0, 0.0).nearly_full(), "nothing allowed is full");
        assert_eq!(share(7.0, 5.0).free(), 0.0);
    }

    #[test]
    fn sizes_read_as_people_write_them() {
        assert_eq!(size(820.0), "820 bytes");
        assert_eq!(size(14_230.0), "14.2 KB");
        assert_eq!(size(3_400_000.0), "3.4 MB");
        assert_eq!(size(1_240_000_000.0), "1.2 GB");
        assert_eq!(thousands(999.0), "999");
        assert_eq!(thousands(4_200_000.0), "4,200,000");
        assert_eq!(thousands(12_345.0), "12,345");
    }
}
