//! How full the browser's storage is: shares of what it allows, when to warn, and sizes
//! people read.

/// About how many characters localStorage keeps per site (browsers cap it near five
/// million).
pub const LOCAL_STORAGE_CHARS: u64 = 5_000_000;

/// From this percentage of what the browser allows, the Data page warns.
pub const WARN_AT_PERCENT: u32 = 80;

// Whole numbers throughout: formatting a float would bring Rust's float printing into the wasm.

/// Part of a limit in use.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Share {
    pub used: u64,
    pub allowed: u64,
}

impl Share {
    /// Whole percent used, from 0 to 100, rounded down so 100% means full (100 when nothing
    /// is allowed at all).
    pub fn percent(&self) -> u32 {
        if self.allowed == 0 {
            return 100;
        }
        (u128::from(self.used) * 100 / u128::from(self.allowed)).min(100) as u32
    }

    /// Whether the page should warn.
    pub fn nearly_full(&self) -> bool {
        self.percent() >= WARN_AT_PERCENT
    }

    /// What is left.
    pub fn free(&self) -> u64 {
        self.allowed.saturating_sub(self.used)
    }
}

/// A size as people read it: "820 bytes", "14.2 KB", "3.4 MB", "1.2 GB" (powers of 1,000,
/// one decimal, rounded half up).
pub fn size(bytes: u64) -> String {
    let (unit, name) = match bytes {
        b if b < 1_000 => return format!("{b} bytes"),
        b if b < 1_000_000 => (1_000, "KB"),
        b if b < 1_000_000_000 => (1_000_000, "MB"),
        _ => (1_000_000_000, "GB"),
    };
    let tenths = (bytes + unit / 20) / (unit / 10);
    format!("{}.{} {name}", tenths / 10, tenths % 10)
}

/// A whole number with thousands separators: "4,200,000".
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
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
        assert!(!share(3_999_999, 5_000_000).nearly_full());
        assert!(share(4_000_000, 5_000_000).nearly_full());
        assert_eq!(share(4_999_999, 5_000_000).percent(), 99);
        assert_eq!(share(6, 5).percent(), 100);
        assert!(share(0, 0).nearly_full(), "nothing allowed is full");
        assert_eq!(share(7, 5).free(), 0);
        assert_eq!(share(u64::MAX, u64::MAX).percent(), 100, "no overflow");
    }

    #[test]
    fn sizes_read_as_people_write_them() {
        assert_eq!(size(820), "820 bytes");
        assert_eq!(size(1_000), "1.0 KB");
        assert_eq!(size(14_250), "14.3 KB", "half up");
        assert_eq!(size(14_230), "14.2 KB");
        assert_eq!(size(3_400_000), "3.4 MB");
        assert_eq!(size(1_240_000_000), "1.2 GB");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(4_200_000), "4,200,000");
        assert_eq!(thousands(12_345), "12,345");
    }
}
