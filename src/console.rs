//! Beside the pipeline: the console of the `lofte` binary speaks UTF-8 on Windows.
//!
//! Rust writes to a Windows console as UTF-16, so å, ä and ö show right there. But output
//! piped or redirected (`lofte check --json > kontroll.json` in PowerShell) is UTF-8 bytes,
//! which PowerShell decodes with the console's code page — 850 or 1252 in Sweden — and "ö"
//! became "Ã¶". Setting the console's output code page to UTF-8 makes the shell decode it
//! as written. Nothing to do elsewhere.

/// Sets the console's output code page to UTF-8 (65001); call first thing in `main`.
pub fn use_utf8() {
    #[cfg(windows)]
    {
        #[link(name = "kernel32")]
        extern "system" {
            fn SetConsoleOutputCP(code_page: u32) -> i32;
        }
        const CP_UTF8: u32 = 65001;
        // SAFETY: takes a plain integer; without a console it fails and changes nothing.
        unsafe {
            SetConsoleOutputCP(CP_UTF8);
        }
    }
}
