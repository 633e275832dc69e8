//! The system's language, for the first start's default: `zh*` locales read Chinese, every other
//! locale English, and no locale at all leaves the app's own default (Chinese).

use crate::i18n::Lang;

/// The POSIX variables that name the language of messages, strongest first.
pub const LOCALE_VARS: [&str; 3] = ["LC_ALL", "LC_MESSAGES", "LANG"];

/// The language of one locale name (`zh_CN.UTF-8`, `en-US`, `C`…); `None` when it is empty.
pub fn lang_of_locale(locale: &str) -> Option<Lang> {
    let locale = locale.trim();
    if locale.is_empty() {
        return None;
    }
    if locale.to_ascii_lowercase().starts_with("zh") {
        Some(Lang::Zh)
    } else {
        Some(Lang::En)
    }
}

/// The language named by the environment, read through `var` so tests need not change the
/// process's own. As POSIX says, an empty variable counts as unset and the next one decides.
pub fn lang_from_env(var: impl Fn(&str) -> Option<String>) -> Option<Lang> {
    LOCALE_VARS
        .iter()
        .filter_map(|name| var(name))
        .find_map(|value| lang_of_locale(&value))
}

/// The language of this computer's user interface, if it names one.
pub fn system_lang() -> Option<Lang> {
    // Windows and macOS keep the language in their own settings, not in the environment.
    if cfg!(any(target_os = "windows", target_os = "macos")) {
        sys_locale::get_locale()
            .as_deref()
            .and_then(lang_of_locale)
            .or_else(|| lang_from_env(|name| std::env::var(name).ok()))
    } else {
        lang_from_env(|name| std::env::var(name).ok())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_names_map_to_languages() {
        for (locale, expected) in [
            ("zh_CN.UTF-8", Some(Lang::Zh)),
            ("zh_TW", Some(Lang::Zh)),
            ("zh-Hans-CN", Some(Lang::Zh)),
            ("ZH_cn", Some(Lang::Zh)),
            ("zh", Some(Lang::Zh)),
            ("en_US", Some(Lang::En)),
            ("en_GB.UTF-8", Some(Lang::En)),
            ("de_DE.UTF-8", Some(Lang::En)),
            ("C", Some(Lang::En)),
            ("C.UTF-8", Some(Lang::En)),
            ("POSIX", Some(Lang::En)),
            ("", None),
            ("   ", None),
        ] {
            assert_eq!(lang_of_locale(locale), expected, "{locale:?}");
        }
    }

    #[test]
    fn the_first_set_variable_decides_and_empty_ones_are_skipped() {
        for (vars, expected) in [
            (vec![("LANG", "zh_CN.UTF-8")], Some(Lang::Zh)),
            (vec![("LANG", "en_US.UTF-8")], Some(Lang::En)),
            (
                vec![("LC_ALL", "en_US.UTF-8"), ("LANG", "zh_CN.UTF-8")],
                Some(Lang::En),
            ),
            (
                vec![("LC_MESSAGES", "zh_CN.UTF-8"), ("LANG", "en_US")],
                Some(Lang::Zh),
            ),
            (
                vec![("LC_ALL", "C"), ("LC_MESSAGES", "zh_CN.UTF-8")],
                Some(Lang::En),
            ),
            (
                vec![("LC_ALL", ""), ("LC_MESSAGES", ""), ("LANG", "zh_SG")],
                Some(Lang::Zh),
            ),
            (vec![("LC_ALL", ""), ("LANG", "")], None),
            (vec![("LANGUAGE", "zh_CN")], None),
            (vec![], None),
        ] {
            let lookup = |name: &str| {
                vars.iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, v)| (*v).to_owned())
            };
            assert_eq!(lang_from_env(lookup), expected, "{vars:?}");
        }
    }
}
