//! The one catalog of UI strings, in Simplified Chinese and English. Every widget text comes
//! from here; a missing translation is a compile error, not a blank label.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, Serialize, Deserialize, PartialEq, Eq, Hash)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    pub const ALL: [Self; 2] = [Self::Zh, Self::En];

    /// `zh` / `en`, as on the command line.
    pub fn parse(code: &str) -> Option<Self> {
        match code.to_ascii_lowercase().as_str() {
            c if c.starts_with("zh") => Some(Self::Zh),
            c if c.starts_with("en") => Some(Self::En),
            _ => None,
        }
    }

    /// The name of the language in itself, for the language menu.
    pub fn native_name(self) -> &'static str {
        match self {
            Self::Zh => "简体中文",
            Self::En => "English",
        }
    }
}

/// Replaces `{0}`…`{9}` in one pass, so an argument containing `{1}` stays as it is.
fn fill(template: &str, args: &[&str]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let mut chars = after.chars();
        match (chars.next(), chars.next()) {
            (Some(digit @ '0'..='9'), Some('}')) => {
                let index = usize::from(digit as u8 - b'0');
                out.push_str(args.get(index).copied().unwrap_or(""));
                rest = &after[2..];
            }
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

macro_rules! catalog {
    ($($key:ident => $zh:literal, $en:literal;)*) => {
        /// A UI string; `T::X.get(lang)` gives its text.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum T { $($key,)* }

        impl T {
            pub const ALL: &'static [T] = &[$(T::$key,)*];

            /// The text with `{0}`, `{1}`, … replaced by `args`: word order differs between the
            /// languages, so a sentence is one entry with numbered gaps, not pieces.
            pub fn fmt(self, lang: Lang, args: &[&str]) -> String {
                fill(self.get(lang), args)
            }

            pub fn get(self, lang: Lang) -> &'static str {
                match lang {
                    Lang::Zh => match self { $(T::$key => $zh,)* },
                    Lang::En => match self { $(T::$key => $en,)* },
                }
            }
        }
    };
}

catalog! {
    AppName => "ServiceCraft 客服管理师", "ServiceCraft";
    MenuFile => "文件", "File";
    MenuView => "视图", "View";
    MenuHelp => "帮助", "Help";
    OpenPack => "打开课程包…", "Open lesson pack…";
    UseBuiltin => "返回内置教材", "Back to the built-in syllabus";
    Quit => "退出", "Quit";
    Language => "语言", "Language";
    Theme => "主题", "Theme";
    ThemeSystem => "跟随系统", "Follow system";
    ThemeLight => "浅色", "Light";
    ThemeDark => "深色", "Dark";
    TextBigger => "放大文字", "Larger text";
    TextSmaller => "缩小文字", "Smaller text";
    TextReset => "默认文字大小", "Default text size";
    ChooseFont => "选择中文字体文件…", "Choose a Chinese font file…";
    ClearFont => "不再使用自选字体", "Stop using the chosen font";
    About => "关于 ServiceCraft", "About ServiceCraft";
    AboutText => "ServiceCraft 帮助你备考高级客户服务管理师：课程、练习、模拟考试和情景演练，全部离线可用。", "ServiceCraft helps you prepare for the advanced customer service manager qualification: lessons, practice, mock exams and role-plays, all offline.";
    Syllabus => "课程目录", "Syllabus";
    Home => "首页", "Home";
    Welcome => "欢迎使用 ServiceCraft", "Welcome to ServiceCraft";
    WelcomeText => "从左侧目录选择一课开始学习，或点击下面的按钮从第一课开始。", "Pick a lesson from the syllabus on the left, or start with the first lesson below.";
    StartFirstLesson => "从第一课开始", "Start with the first lesson";
    ContinueLesson => "继续学习：", "Continue: ";
    Chapters => "章", "chapters";
    Lessons => "课", "lessons";
    Questions => "题", "questions";
    Minutes => "分钟", "min";
    PrevLesson => "上一课", "Previous lesson";
    NextLesson => "下一课", "Next lesson";
    KeyPoints => "要点", "Key points";
    Definition => "名词解释", "Definition";
    Mnemonic => "记忆口诀", "Mnemonic";
    ExamTip => "考点", "Exam tip";
    AskedAs => "常考题型：", "Asked as: ";
    Example => "案例", "Example";
    Practice => "本课练习", "Practice for this lesson";
    Open => "打开", "Open";
    KindSingle => "单选", "Single choice";
    KindMultiple => "多选", "Multiple choice";
    KindTrueFalse => "判断", "True/false";
    KindShortAnswer => "简答", "Short answer";
    KindEssay => "论述", "Essay";
    KindCase => "案例分析", "Case analysis";
    KindFlashcard => "记忆卡", "Flashcard";
    KindSwot => "SWOT 分析", "SWOT analysis";
    KindOrdering => "排序练习", "Ordering";
    KindPdca => "PDCA 循环", "PDCA cycle";
    KindWorksheet => "PDCA 工作表", "PDCA worksheet";
    KindRolePlay => "情景演练", "Role-play";
    ImageLoading => "图片加载中…", "Loading image…";
    ImageBroken => "图片无法显示：", "Image cannot be shown: ";
    NoCjkFont => "没有找到可显示中文的字体，中文可能显示为方块。请选择一个中文字体文件（如 Noto Sans CJK、微软雅黑）。", "No font with Chinese characters was found, so Chinese text may show as boxes. Choose a Chinese font file (e.g. Noto Sans CJK, Microsoft YaHei).";
    FontLoadFailed => "无法使用这个字体文件：", "Cannot use this font file: ";
    PackProblems => "课程包有问题，无法打开", "The lesson pack has problems and cannot be opened";
    PackProblemsHelp => "请修正下列问题后重新打开。每行给出文件、行号和列号。", "Fix the problems below and open the pack again. Each line gives the file, line and column.";
    Dismiss => "知道了", "Dismiss";
    StatusReady => "就绪", "Ready";
    ItemNotFound => "找不到这个练习：", "This exercise was not found: ";
    Answer => "答案：", "Answer: ";
    Explanation => "解析：", "Explanation: ";
    ModelAnswer => "参考答案：", "Model answer: ";
    ScoringPoints => "踩分点：", "Scoring points: ";
    True => "对", "True";
    False => "错", "False";
    CaseText => "案例材料", "Case";
    Front => "正面", "Front";
    Back => "背面", "Back";
    Back2 => "返回", "Back";
    Brief => "情景", "Situation";
    Profiles => "学习档案", "Profiles";
    ProfilesTitle => "选择你的学习档案", "Choose your profile";
    ProfilesHelp => "每位学员一个档案：笔记、成绩和进度各自保存，互不影响。", "One profile per learner: notes, scores and progress are kept apart.";
    StartStudying => "开始学习", "Start studying";
    NewProfile => "新建档案", "New profile";
    ProfileName => "姓名", "Name";
    Avatar => "头像", "Avatar";
    NoAvatar => "无", "None";
    CreateProfile => "创建档案", "Create profile";
    NoProfilesYet => "还没有档案。输入姓名，创建第一个档案。", "No profiles yet. Enter a name to create the first one.";
    ProfileDamaged => "（档案文件损坏，打开时会从备份恢复）", "(profile file damaged; it is recovered from a backup when opened)";
    ProfileBusy => "档案「{0}」正在另一个 ServiceCraft 窗口中使用。请先关闭那个窗口，或选择其他档案。", "The profile “{0}” is open in another ServiceCraft window. Close that window first, or choose another profile.";
    NameEmpty => "请输入姓名。", "Please enter a name.";
    NameTooLong => "姓名最多 {0} 个字。", "A name has at most {0} characters.";
    NameTaken => "已经有名为「{0}」的档案。", "There is already a profile named “{0}”.";
    ProfileOpenFailed => "无法打开档案：{0}", "Cannot open the profile: {0}";
    ProfileCreateFailed => "无法创建档案：{0}", "Cannot create the profile: {0}";
    SwitchProfile => "切换档案…", "Switch profile…";
    Hello => "你好，{0}", "Hello, {0}";
    Notes => "笔记", "Notes";
    NotesFor => "笔记 · {0}", "Notes · {0}";
    NotesHint => "在这里记下要点、疑问和自己的例子……", "Write key points, questions and your own examples…";
    NotesNothingOpen => "打开一课或一道练习，就可以为它记笔记。", "Open a lesson or an exercise to take notes on it.";
    NotesSaved => "已自动保存", "Saved automatically";
    NotesSaving => "正在保存…", "Saving…";
    NotesReadOnly => "笔记文件来自更新版本的 ServiceCraft，本次只能查看。", "The notes file comes from a newer ServiceCraft; notes are read-only this session.";
    ShowNotes => "显示笔记栏 (Ctrl+N)", "Show notes panel (Ctrl+N)";
    AllNotes => "全部笔记", "All notes";
    SearchNotes => "搜索笔记", "Search notes";
    NoNotes => "还没有笔记。在课程右侧的笔记栏里写下的内容会出现在这里。", "No notes yet. What you write in the notes panel beside a lesson appears here.";
    NoMatches => "没有找到匹配的笔记。", "No notes match.";
    ExportNotes => "导出笔记为 Markdown…", "Export notes as Markdown…";
    NotesExported => "笔记已导出到 {0}", "Notes exported to {0}";
    ExportFailed => "导出失败：{0}", "Export failed: {0}";
    OtherNotes => "其他课程包的笔记", "Notes from other packs";
    NotesExportTitle => "ServiceCraft 学习笔记", "ServiceCraft study notes";
    ExportedAt => "导出时间：", "Exported:";
    LessonNote => "课 · ", "Lesson · ";
    ItemNote => "练习 · ", "Exercise · ";
    UpdatedAt => "更新于", "Updated";
    NotesCount => "{0} 条笔记", "{0} notes";
    GoToLesson => "去这一课", "Go to the lesson";
    MarkLessonDone => "完成本课", "Mark lesson complete";
    LessonDone => "本课已完成 ✔", "Lesson complete ✔";
    MarkLessonUndone => "标记为未完成", "Mark as not complete";
    Overall => "总体进度", "Overall progress";
    LessonsDoneOf => "已完成 {0} / {1} 课", "{0} of {1} lessons complete";
    Streak => "连续学习", "Study streak";
    DaysN => "{0} 天", "{0} days";
    ReviewsDue => "今日待复习", "Reviews due today";
    AnswersCount => "答题次数", "Answers given";
    Mastery => "各章掌握程度", "Mastery by chapter";
    MasteryHelp => "每章练习最近一次得分的平均值；没做过的练习按 0 分计。", "The average of each chapter's latest practice scores; items not yet tried count as 0.";
    LessonsShare => "已学课程", "Lessons done";
    RecentScores => "最近成绩", "Recent scores";
    NoScoresYet => "还没有答题记录。做完练习后，成绩会显示在这里。", "No answers yet. Scores appear here once you practise.";
    ChapterShort => "第{0}章", "Ch. {0}";
    SelfCheck => "自评", "Self-check";
    SelfCheckHelp => "看完答案后，如实评价自己：", "Having read the answer, rate yourself honestly:";
    GotIt => "我会了", "I knew it";
    NotYet => "还不会", "Not yet";
    LastSelfCheck => "上次自评：{0}", "Last self-check: {0}";
    Backups => "备份与恢复…", "Backups and restore…";
    BackupsTitle => "备份与恢复", "Backups and restore";
    BackupsHelp => "学习时 ServiceCraft 会自动备份：每学习 30 分钟一次（有改动时），每天第一次打开时一次。保留最近几次、最近 7 天每天一份、最近 8 周每周一份。", "ServiceCraft backs up while you study: every 30 minutes of study (when something changed) and at the first start of each day. It keeps the latest few, one a day for 7 days and one a week for 8 weeks.";
    BackupNow => "立即备份", "Back up now";
    RestoreBackup => "恢复此备份", "Restore this backup";
    RestoreConfirm => "用 {0} 的备份替换现在的笔记和进度？现在的数据会先另存为一个备份，随时可以恢复回来。", "Replace your current notes and progress with the backup from {0}? Your current data is first kept as a backup, so you can go back.";
    Cancel => "取消", "Cancel";
    Restored => "已恢复 {0} 的备份。被替换的数据已另存为 {1} 的备份（恢复前），随时可以恢复回来。", "Restored the backup from {0}. What it replaced is kept as the backup of {1} (before a restore), so you can go back.";
    RestoreFailed => "无法恢复：{0}", "Cannot restore: {0}";
    NoBackups => "还没有备份。", "No backups yet.";
    BackupKindAuto => "自动", "automatic";
    BackupKindManual => "手动", "manual";
    BackupKindBeforeRestore => "恢复前", "before a restore";
    BackupKindBeforeUpgrade => "升级前", "before an upgrade";
    BackupFolder => "备份位置：{0}", "Backups are in {0}";
    BackupFailed => "备份失败：{0}", "Backup failed: {0}";
    FileCorrupt => "文件 {0} 已损坏（{1}），已移到 {2}。", "The file {0} was damaged ({1}) and has been moved to {2}.";
    FileCorruptKept => "文件 {0} 已损坏（{1}），且无法移走；本次不会写入它。", "The file {0} is damaged ({1}) and could not be moved aside; it is not written this session.";
    FileNewer => "文件 {0} 来自更新版本的 ServiceCraft（格式 {1}），已原样保留，本次不会修改。请更新 ServiceCraft。", "The file {0} comes from a newer ServiceCraft (format {1}). It is left as it is and not changed this session. Please update ServiceCraft.";
    FileUnreadable => "无法读取文件 {0}（{1}），已原样保留，本次不会修改。", "The file {0} cannot be read ({1}). It is left as it is and not changed this session.";
    LoadedBackup => "已改用 {0} 的备份。", "The backup from {0} was loaded instead.";
    NoBackupFresh => "没有可用的备份，这部分数据从空白开始。", "No usable backup was found, so this part starts empty.";
    SaveFailed => "无法保存 {0}：{1}。你的更改仍保留在内存中，ServiceCraft 会自动重试。", "Cannot save {0}: {1}. Your changes are kept in memory and ServiceCraft keeps retrying.";
    RetryNow => "立即重试", "Retry now";
    UnsavedOnExit => "还有更改没能保存", "Some changes could not be saved";
    UnsavedOnExitText => "磁盘拒绝写入（{0}）。请腾出空间或检查权限后重试。如果仍然退出，最后的更改会另存到临时文件夹。", "The disk refused the write ({0}). Free some space or check permissions, then retry. If you quit anyway, the latest changes are written to the temporary folder.";
    QuitAnyway => "仍然退出", "Quit anyway";
    RescuedTo => "未能保存的更改已另存到 {0}", "Unsaved changes were written to {0}";
    StatusSaved => "已保存", "All changes saved";
    StatusSaving => "正在保存…", "Saving…";
    StatusSaveFailed => "保存失败，正在重试", "Saving failed, retrying";
    SettingsNotSaved => "设置文件来自更新版本的 ServiceCraft，本次不会保存设置。", "The settings file comes from a newer ServiceCraft; settings are not saved this session.";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_string_has_both_languages() {
        for key in T::ALL {
            for lang in Lang::ALL {
                assert!(!key.get(lang).trim().is_empty(), "{key:?} in {lang:?}");
            }
        }
    }

    #[test]
    fn both_languages_have_the_same_gaps() {
        let gaps = |text: &str| {
            (0..10)
                .filter(|i| text.contains(&format!("{{{i}}}")))
                .collect::<Vec<_>>()
        };
        for key in T::ALL {
            assert_eq!(gaps(key.get(Lang::Zh)), gaps(key.get(Lang::En)), "{key:?}");
        }
        assert_eq!(T::Hello.fmt(Lang::En, &["Li"]), "Hello, Li");
        assert_eq!(fill("{0} and {1}", &["{1}", "x"]), "{1} and x");
        assert_eq!(fill("{a} {0", &["x"]), "{a} {0");
    }

    #[test]
    fn language_codes_parse() {
        assert_eq!(Lang::parse("zh_CN.UTF-8"), Some(Lang::Zh));
        assert_eq!(Lang::parse("en-GB"), Some(Lang::En));
        assert_eq!(Lang::parse("fr"), None);
    }
}
