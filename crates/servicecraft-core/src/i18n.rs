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

/// `inner` in brackets as each language writes them: full-width in Chinese.
pub fn paren(lang: Lang, inner: &str) -> String {
    match lang {
        Lang::Zh => format!("（{inner}）"),
        Lang::En => format!(" ({inner})"),
    }
}

/// `text` without a leading "label：" that repeats `label` (or a shorter form of it): a case
/// titled "案例：…" under the caption 案例材料, a worksheet titled "PDCA 工作表：…" after its kind.
pub fn without_repeated_label<'a>(label: &str, text: &'a str) -> &'a str {
    for colon in ["：", ": ", ":"] {
        if let Some((head, rest)) = text.split_once(colon) {
            let head = head.trim();
            if !head.is_empty() && (label.contains(head) || head.contains(label)) {
                return rest.trim_start();
            }
        }
    }
    text
}

/// "label：text" (in English "label: text"), without saying the label twice.
pub fn labelled(lang: Lang, label: &str, text: &str) -> String {
    T::LabelledText.fmt(lang, &[label, without_repeated_label(label, text)])
}

/// "1 chapter", "8 chapters": `one` for exactly one, `many` otherwise. Chinese has one form, so
/// both keys read the same there.
pub fn counted(lang: Lang, n: usize, one: T, many: T) -> String {
    let word = if n == 1 { one } else { many };
    let text = word.get(lang);
    if text.contains("{0}") {
        word.fmt(lang, &[&n.to_string()])
    } else {
        format!("{n} {text}")
    }
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
    FontFileFilter => "字体文件", "Font files";
    About => "关于 ServiceCraft", "About ServiceCraft";
    AboutText => "ServiceCraft 帮助你备考高级客户服务管理师：课程、练习、模拟考试和情景演练，全部离线可用。", "ServiceCraft helps you prepare for the advanced customer service manager qualification: lessons, practice, mock exams and role-plays, all offline.";
    Syllabus => "课程目录", "Syllabus";
    Home => "首页", "Home";
    Welcome => "欢迎使用 ServiceCraft", "Welcome to ServiceCraft";
    WelcomeText => "从左侧目录选择一课开始学习，或点击下面的按钮从第一课开始。", "Pick a lesson from the syllabus on the left, or start with the first lesson below.";
    StartFirstLesson => "从第一课开始", "Start with the first lesson";
    ContinueLesson => "继续学习：", "Continue: ";
    Chapters => "章", "chapters";
    ChapterOne => "章", "chapter";
    LessonOne => "课", "lesson";
    QuestionOne => "题", "question";
    ExerciseOne => "个练习", "exercise";
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
    Supplement => "拓展（教材之外，供参考）", "Beyond the syllabus (for reference)";
    SupplementTag => "拓展", "Supplementary";
    Practice => "本课练习", "Practice for this lesson";
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
    True => "对", "True";
    False => "错", "False";
    CaseText => "案例材料", "Case";
    Back => "背面", "Back";
    Back2 => "返回", "Back";
    Brief => "情景", "Situation";
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
    OpeningProfile => "正在打开「{0}」的学习档案……", "Opening {0}’s profile…";
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
    ExportFailed => "导出失败：", "Export failed: ";
    OtherNotes => "其他课程包的笔记", "Notes from other packs";
    NotesExportTitle => "ServiceCraft 学习笔记", "ServiceCraft study notes";
    ExportedAt => "导出时间：", "Exported:";
    LessonNote => "课 · ", "Lesson · ";
    ItemNote => "练习 · ", "Exercise · ";
    UpdatedAt => "更新于", "Updated";
    NotesCount => "{0} 条笔记", "{0} notes";
    NoteOne => "{0} 条笔记", "{0} note";
    GoToLesson => "去这一课", "Go to the lesson";
    MarkLessonDone => "完成本课", "Mark lesson complete";
    LessonDone => "本课已完成 ✔", "Lesson complete ✔";
    MarkLessonUndone => "标记为未完成", "Mark as not complete";
    Overall => "总体进度", "Overall progress";
    LessonsDoneOf => "已完成 {0} / {1} 课", "{0} of {1} lessons complete";
    Streak => "连续学习", "Study streak";
    DaysN => "{0} 天", "{0} days";
    ChartEmpty => "还没有学习记录。读完一课或做几道题后，这里会按章显示掌握程度和已学完的课。", "Nothing studied yet. Once you have read a lesson or answered a few questions, this shows your mastery and the lessons done in each chapter.";
    DayOne => "{0} 天", "{0} day";
    ReviewsDue => "今日复习", "Today's reviews";
    AnswersCount => "答题次数", "Answers given";
    Mastery => "各章掌握程度", "Mastery by chapter";
    MasteryHelp => "每章练习最近一次得分的平均值；没做过的练习按 0 分计。", "The average of each chapter's latest practice scores; items not yet tried count as 0.";
    LessonsShare => "已学课程", "Lessons done";
    RecentScores => "最近成绩", "Recent scores";
    NoScoresYet => "还没有答题记录。做完练习后，成绩会显示在这里。", "No answers yet. Scores appear here once you practise.";
    ChapterShort => "第{0}章", "Ch. {0}";
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
    BackupKindBeforeReset => "重置实验前", "before a lab reset";
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
    PracticeCenter => "练习中心", "Practice";
    Mistakes => "错题本", "Mistake notebook";
    MistakesHelp => "答错的题会自动收进错题本；复习计划判断你已经掌握后，它才会离开。", "Every wrong answer is collected here; an item leaves once the review schedule judges it learned.";
    NoMistakes => "错题本是空的。", "The mistake notebook is empty.";
    PractiseMistakes => "练习全部错题", "Practise all mistakes";
    Remove => "移除", "Remove";
    Favourite => "收藏", "Add to favourites";
    Unfavourite => "取消收藏", "Remove from favourites";
    Favourites => "我的收藏", "Favourites";
    DueToday => "今日复习：", "Today's reviews:";
    StartReview => "开始复习", "Start review";
    TodayReview => "今日复习", "Today's review";
    ChapterPractice => "章节练习", "Practice by chapter";
    Practise => "练习", "Practise";
    Memorise => "背题", "Read through";
    RandomPractice => "随机练习", "Random practice";
    QuestionCount => "题数", "questions";
    StartRandom => "开始随机练习", "Start random practice";
    MockExams => "模拟考试", "Mock exams";
    StartExam => "开始考试", "Start exam";
    CustomExam => "自定义模拟考试", "Custom mock exam";
    StartCustomExam => "开始自定义考试", "Start custom exam";
    Item => "第", "Question";
    Submit => "提交答案", "Submit answer";
    ConfirmScore => "确认得分", "Confirm score";
    WriteAnswer => "在这里写下你的答案…", "Write your answer here…";
    YourAnswer => "你的答案", "Your answer";
    YourAnswerIs => "你的答案：", "Your answer: ";
    NoAnswer => "未作答", "not answered";
    ShowModelAnswer => "查看参考答案并评分", "Show the model answer and score it";
    TickPoints => "勾选你答到的踩分点：", "Tick the scoring points your answer covers:";
    KeywordFound => " · 已找到关键词", " · keyword found";
    Points => "分", "pt";
    Correct => "回答正确", "Correct";
    PartlyCorrect => "部分正确", "Partly correct";
    Wrong => "回答错误", "Wrong";
    NextItem => "下一题", "Next question";
    PrevItem => "上一题", "Previous question";
    Finish => "完成", "Finish";
    ShowAnswer => "显示答案", "Show answer";
    HowWell => "记得怎么样？", "How well did you remember?";
    RecallAgain => "忘了", "Again";
    RecallHard => "困难", "Hard";
    RecallGood => "记得", "Good";
    RecallEasy => "很简单", "Easy";
    RoundDone => "本轮练习完成", "Round complete";
    NothingToPractise => "这里暂时没有可练习的题目。", "There is nothing to practise here yet.";
    RightCount => "答对", "Right:";
    Again => "再练一次", "Practise again";
    TimeLeft => "剩余时间", "Time left";
    SubmitPaper => "交卷", "Submit paper";
    AnswerSheet => "答题卡", "Answer sheet";
    Answered => "已答", "answered";
    Unanswered => "未答", "unanswered";
    Flagged => "已标记", "flagged";
    Flag => "标记本题", "Flag for review";
    Unflag => "取消标记", "Remove flag";
    ConfirmSubmitTitle => "确定交卷吗？", "Submit the paper?";
    UnansweredWarning => "还有未作答的题目：", "Questions not answered yet:";
    KeepAnswering => "继续答题", "Keep answering";
    SubmitAnyway => "仍然交卷", "Submit anyway";
    ExamReport => "考试报告", "Exam report";
    TotalScore => "总分", "Total";
    Passed => "通过", "Passed";
    NotPassed => "未通过", "Not passed";
    ByType => "按题型", "By question type";
    ByChapter => "按章节", "By chapter";
    WrongAnswers => "错题回顾", "Review of wrong answers";
    ExamStartTitle => "考试说明", "Before you start";
    ExamSections => "试卷结构", "Sections";
    ExamSectionRow => "{0} 题，共 {1} 分", "{0} questions, {1} points";
    ExamTimeAndPass => "考试时间 {0} 分钟 · 满分 {1} 分 · 及格线 {2}%", "Time {0} minutes · {1} points in all · pass mark {2}%";
    ExamClockNote => "点击“开始考试”后才开始计时。离开考试或关闭程序时计时暂停，作答进度会自动保存，可随时继续。", "The clock starts when you press Start exam. It pauses while you are away from the exam or the app is closed; your answers are saved and you can continue at any time.";
    ExamWrittenNote => "交卷后，简答、论述和案例分析题由你对照参考答案勾选踩分点自评；关键词仅作提示，只列关键词不得分。", "After you submit, you mark each written answer yourself by ticking the scoring points it covers against the model answer; keywords are only hints, and a bare list of keywords scores nothing.";
    ContinueExam => "继续考试", "Continue exam";
    LeaveExamTitle => "考试正在进行", "An exam is in progress";
    LeaveExamText => "离开前请选择：继续作答、稍后继续（进度保存，计时暂停）、现在交卷，或放弃本次考试。", "Before leaving, choose: keep answering, continue later (answers kept, clock paused), submit now, or discard this exam.";
    ExamLater => "稍后继续", "Continue later";
    DiscardExam => "放弃考试", "Discard exam";
    ConfirmDiscardExam => "确定放弃这场考试吗？作答不会计入成绩。", "Discard this exam? Its answers will not count.";
    DiscardNow => "确定放弃", "Discard";
    ExamWaiting => "未完成的模拟考试：{0}（剩余 {1}）", "Unfinished mock exam: {0} ({1} left)";
    ExamOtherPack => "这场考试来自另一个课程包，打开该课程包后可以继续。", "This exam is from another pack; open that pack to continue it.";
    MarkingTitle => "评阅主观题", "Mark your written answers";
    MarkingIntro => "对照参考答案，勾选你的答案真正答到的踩分点。“含关键词”只是提示，不会自动计分。", "Compare with the model answer and tick the scoring points your answer really covers. \"keyword found\" is only a hint and scores nothing by itself.";
    ConfirmMarking => "确认评分，查看成绩", "Confirm marking and see the result";
    KeywordHint => "含关键词", "keyword found";
    MarkedSelf => "自评：{0}/{1} 个踩分点（关键词提示 {2} 个）", "Self-marked: {0} of {1} scoring points ({2} suggested by keywords)";
    MarkedKeywordsOnly => "只列出关键词，不计分", "Only keywords listed: no points";
    MarkedBlank => "未作答", "Not answered";
    HowMarked => "评分方式：", "Marked: ";
    ScoreLine => "得分 {0} / {1}（{2}%）", "Score {0} / {1} ({2}%)";
    TimeUsed => "用时 {0}", "Time used {0}";
    CardRight => "正确", "right";
    CardPartly => "部分正确", "partly right";
    CardWrong => "错误", "wrong";
    CardCurrent => "当前题", "current";
    Legend => "图例：", "Legend:";
    RedoWrong => "重做错题", "Redo the wrong ones";
    RedoWrongTitle => "重做错题：{0}", "Redo the wrong ones: {0}";
    QuizResult => "练习结果", "Quiz result";
    AllRight => "全部答对！", "All right!";
    ExplanationsOfWrong => "错题解析", "Explanations of the wrong ones";
    Restart => "重新开始", "Start over";
    Customer => "客户", "Customer";
    Anger => "怒气", "Anger";
    Trust => "信任", "Trust";
    YourReply => "你的回应：", "Your reply:";
    OutcomeSuccess => "圆满解决", "Resolved";
    OutcomePartial => "部分解决", "Partly resolved";
    OutcomeFailure => "处理失败", "Not resolved";
    RolePlayScore => "得分", "Score";
    Debrief => "复盘", "Debrief";
    PathComparison => "你的选择与最佳路径", "Your path and the best path";
    YourPath => "你的选择", "Your choice";
    BestPath => "最佳选择", "Best choice";
    Principle => "原则：", "Principle:";
    FeedbackOnChoices => "逐条点评", "Feedback on each choice";
    PlayAgain => "再来一次", "Play again";
    BackToLesson => "返回课程", "Back to the lesson";
    EmotionNeutral => "平静", "calm";
    EmotionPleased => "满意", "pleased";
    EmotionAnxious => "焦虑", "anxious";
    EmotionDoubtful => "怀疑", "doubtful";
    EmotionAnnoyed => "不满", "annoyed";
    EmotionAngry => "生气", "angry";
    EmotionFurious => "愤怒", "furious";
    // Framework exercises: SWOT, TOWS, ordering, PDCA, worksheets, My SWOT.
    Strengths => "优势", "Strengths";
    Weaknesses => "劣势", "Weaknesses";
    Opportunities => "机会", "Opportunities";
    Threats => "威胁", "Threats";
    Internal => "内部因素", "Internal";
    External => "外部因素", "External";
    Helpful => "有利", "Helpful";
    Harmful => "不利", "Harmful";
    ListSep => "、", ", ";
    ItemSep => "；", "; ";
    StrategySO => "增长型战略", "Growth strategy";
    StrategyWO => "扭转型战略", "Turnaround strategy";
    StrategyST => "多种经营型战略", "Diversification strategy";
    StrategyWT => "防御型战略", "Defensive strategy";
    SituationSO => "杠杆效应", "Leverage";
    SituationWO => "抑制性", "Restraint";
    SituationST => "脆弱性", "Vulnerability";
    SituationWT => "问题性", "Problem";
    LogicSO => "内部优势撬起外部机会，使机会与优势充分结合：抓住机会求增长。", "Internal strengths lever an external opportunity so the two work together: seize it and grow.";
    LogicWO => "外部有机会，内部劣势却抑制了对它的利用：先弥补劣势，扭转局面。", "An opportunity is there but a weakness holds the organisation back: fix the weakness, turn things round.";
    LogicST => "外部威胁冲击企业的优势，使之显得脆弱：借优势多种经营，分散风险。", "A threat strikes at a strength and leaves it vulnerable: use the strength to diversify and spread the risk.";
    LogicWT => "内部劣势遇上外部威胁，企业面临严重问题：收缩、回避，先求稳住。", "A weakness meets a threat and the organisation is in trouble: retrench, avoid the threat, hold steady first.";
    TowsStrategies => "策略（TOWS 组合）", "Strategies (TOWS)";
    StagePlan => "计划", "Plan";
    StageDo => "执行", "Do";
    StageCheck => "检查", "Check";
    StageAct => "处理", "Act";
    MySwot => "我的 SWOT", "My SWOT";
    NothingYet => "（暂无）", "(none yet)";
    NotFilledIn => "（未填写）", "(not filled in)";
    LastScore => "上次", "Last";
    BestScore => "最佳", "Best";
    Score => "得分", "Score";
    Check => "检查", "Check";
    Retry => "重新打乱，再做一次", "Shuffle and try again";
    Selected => "已选中：", "Selected: ";
    PressOneToFour => "按 1–4 放入对应的格子", "press 1–4 to put it in a box";
    PutIn => "放入", "Put in";
    DropHere => "把卡片拖到这里", "Drop cards here";
    AllSorted => "所有卡片都已放好，可以检查了（按 Enter）。", "Every card is placed: check it now (Enter).";
    BelongsIn => "应放入：", "Belongs in: ";
    StageSortFactors => "① 因素分类", "① Sort the factors";
    StageMatchStrategies => "② 策略配对（TOWS）", "② Match the strategies (TOWS)";
    SwotSortHelp => "把每张卡片拖进它所属的象限。也可以先选中一张卡片（点击它，或用 ← → 切换），再按 1–4 或点击象限放入；按 0 取回。", "Drag each card into its quadrant. Or select a card (click it, or use ← →) and press 1–4 or click a quadrant; 0 takes it back.";
    CardsToSort => "待分类的卡片", "Cards to sort";
    MistakeMissing => "还没有放入任何格子。", "Not placed.";
    MistakeInsideOutside => "内外弄反了：先问“这是企业自己的，还是环境带来的？”", "Internal and external mixed up: first ask whether it is the organisation's own or comes from its environment.";
    MistakeHelpsHurts => "利弊弄反了：再问“它对企业有利还是不利？”", "Helpful and harmful mixed up: ask whether it helps or hurts the organisation.";
    MistakeBoth => "内外、利弊都弄反了。", "Both internal/external and helpful/harmful are mixed up.";
    NextStrategies => "下一步：策略配对（TOWS）→", "Next: match the strategies (TOWS) →";
    StrategiesHelp => "每条策略都把一个内部因素（S 或 W）和一个外部因素（O 或 T）配成一对。把策略拖进对应的格子，或选中后按 1–4。", "Each strategy pairs an internal factor (S or W) with an external one (O or T). Drag each strategy into its box, or select it and press 1–4.";
    StrategiesToMatch => "待配对的策略", "Strategies to match";
    CaseFactors => "本案例的 S、W、O、T", "This case's S, W, O and T";
    PairMistakeInternal => "内部一侧选错了：这条策略是在发挥优势，还是在弥补劣势？", "Wrong internal side: does the strategy build on a strength or make up for a weakness?";
    PairMistakeExternal => "外部一侧选错了：这条策略是在抓住机会，还是在应对威胁？", "Wrong external side: does the strategy seize an opportunity or counter a threat?";
    PairMistakeBoth => "内外两侧都选错了。", "Both sides are wrong.";
    OwnStrategiesHint => "也可以针对这个案例写出你自己的策略：", "You can also write strategies of your own for this case:";
    WriteOwnStrategies => "在“我的 SWOT”中写自己的策略 →", "Write your own strategies in My SWOT →";
    OrderingHelp => "拖动步骤排出正确的顺序。也可以用 ↑ ↓ 选中一步，再按 Alt+↑ / Alt+↓（或每行的箭头按钮）移动它；按 Enter 检查。", "Drag the steps into the right order. Or choose a step with ↑ ↓ and move it with Alt+↑ / Alt+↓ (or the arrow buttons on its row); Enter checks.";
    MoveUp => "上移", "Move up";
    MoveDown => "下移", "Move down";
    BelongsAtPosition => "应排在第 {n} 位", "Belongs at position {n}";
    InRightPlace => "位置正确", "In the right place";
    LongestRun => "连续排对的最长一段：", "Longest run kept in sequence: ";
    CorrectOrder => "正确顺序", "The right order";
    PdcaDiagram => "PDCA 循环图", "The PDCA cycle";
    PdcaExerciseTab => "放置练习", "Placement exercise";
    PdcaDiagramHelp => "把鼠标移到一个阶段上（或点击它、或点下面的按钮），查看这个阶段的步骤和目的。", "Point at a stage (or click it, or use the buttons below) to see its steps and purpose.";
    OneCycle => "1 个循环 · 4 个阶段 · 8 个步骤", "One cycle · four stages · eight steps";
    PdcaStep1 => "分析现状，找出问题", "Analyse the situation and find the problem";
    PdcaStep2 => "分析产生问题的原因", "Analyse the causes of the problem";
    PdcaStep3 => "找出主要原因", "Find the main cause";
    PdcaStep4 => "制定措施计划（5W1H）", "Draw up a plan of measures (5W1H)";
    PdcaStep5 => "执行计划", "Carry out the plan";
    PdcaStep6 => "检查效果", "Check the results";
    PdcaStep7 => "总结经验、标准化", "Sum up and standardise what worked";
    PdcaStep8 => "遗留问题转入下一循环", "Carry open problems into the next cycle";
    PurposePlan => "先想清楚再动手：用数据找出问题，查明原因，抓住主要原因，制定具体的措施计划。", "Think before acting: find the problem with data, trace its causes, pick the main one and draw up concrete measures.";
    PurposeDo => "按计划去做：把措施落实到人、到岗位。", "Do what was planned: put the measures into practice.";
    PurposeCheck => "看效果：把结果与目标、与改进前的数据对比，判断措施是否有效。", "See what happened: compare the results with the target and with the baseline to judge whether the measures worked.";
    PurposeAct => "巩固与延续：有效的做法写成标准防止反弹，没解决的问题转入下一轮循环。", "Hold the gain and go on: make what worked the standard, and carry what is left into the next cycle.";
    FiveWOneH => "5W1H：为什么（Why）、做什么（What）、在哪里（Where）、何时（When）、谁（Who）、怎样做（How）。", "5W1H: Why, What, Where, When, Who and How.";
    StaircaseTitle => "阶梯式上升", "Rising step by step";
    StaircaseText => "每转完一圈就解决一批问题；标准化像楔子一样挡住车轮，防止质量倒退；下一圈从更高的水平开始。", "Each turn of the wheel solves some problems; standardisation is the wedge that keeps it from rolling back, and the next turn starts higher.";
    NestedTitle => "大环套小环", "Big cycles hold small ones";
    NestedText => "企业整体的 PDCA 是大环，部门、班组乃至个人的 PDCA 是小环：小环保证大环，大环带动小环，环环相扣。", "The organisation's PDCA is the big cycle; departments, teams and individuals run small ones inside it: the small cycles serve the big one, the big one drives the small.";
    Standardise => "标准化", "Standard";
    QualityRises => "质量水平逐步提高", "Quality rises";
    Organisation => "企业", "Company";
    PdcaPlaceHelp => "把每一步拖进它所属的阶段，并在阶段内排好先后。也可以选中一步（← → 切换），按 1–4（或 P、D、C、A）放入阶段，Alt+↑ / Alt+↓ 调整顺序，0 取回；按 Enter 检查。", "Drag each step into its stage, in order within the stage. Or select a step (← →), press 1–4 (or P, D, C, A) to place it, Alt+↑ / Alt+↓ to reorder, 0 to take it back; Enter checks.";
    StepsToPlace => "待放置的步骤", "Steps to place";
    WrongOrder => "阶段对了，顺序不对：应是 ", "Right stage, wrong order: it is step ";
    StepInStage => "在本阶段中应排第 ", "Position within its stage: ";
    RightStage => "阶段正确", "Right stage";
    RightOrder => "顺序正确", "Right order";
    WorksheetHelp => "按 PDCA 的顺序逐项填写。内容会自动保存，可以随时离开，下次接着写。", "Fill in the fields in PDCA order. Everything is saved as you type: leave at any time and carry on later.";
    WriteHere => "在这里填写…", "Write here…";
    Filled => "已填写", "Filled in";
    Saved => "已自动保存", "Saved";
    Saving => "正在保存…", "Saving…";
    ExportMarkdown => "导出 Markdown…", "Export Markdown…";
    ExportPng => "导出图片（PNG）…", "Export picture (PNG)…";
    Exported => "已导出到：", "Exported to: ";
    ExportNoFont => "没有找到能显示中文的字体，无法生成图片。请在“视图 → 选择中文字体文件”中指定一个字体后再试。", "No font with Chinese characters was found, so the picture cannot be drawn. Choose one under View → Choose a Chinese font file and try again.";
    MySwotHelp => "为你自己的单位或一个案例做 SWOT：在每个象限里输入因素（按 Enter 添加），拖动它们在象限之间移动（或选中后按 1–4，Delete 删除），再写出 SO、WO、ST、WT 策略。内容自动保存。", "Build a SWOT of your own organisation or of a case: type factors into the quadrants (Enter adds), drag them between quadrants (or select and press 1–4, Delete removes), then write SO, WO, ST and WT strategies. Everything is saved automatically.";
    MyStrategiesHelp => "针对每种组合写出策略：用优势抓机会（SO）、借机会补劣势（WO）、以优势抗威胁（ST）、减劣势避威胁（WT）。", "Write strategies for each pairing: use strengths to seize opportunities (SO), use opportunities to fix weaknesses (WO), use strengths against threats (ST), shrink weaknesses and avoid threats (WT).";
    NewSwot => "＋ 新建 SWOT", "+ New SWOT";
    Untitled => "未命名的 SWOT", "Untitled SWOT";
    SwotTitle => "标题", "Title";
    SwotContext => "分析对象与现状", "What is analysed";
    SwotContextHint => "例如：我所在的客服中心，300 名坐席，负责信用卡热线…", "For example: my contact centre, 300 agents, running the credit-card hotline…";
    AddItemHint => "输入后按 Enter 添加…", "Type and press Enter…";
    AddStrategyHint => "写一条策略，按 Enter 添加…", "Write a strategy and press Enter…";
    AddTo => "添加到", "Add to";
    MoveTo => "移到", "Move to";
    Delete => "删除", "Delete";
    DeleteSwot => "删除这个 SWOT", "Delete this SWOT";
    ConfirmDelete => "确定删除", "Yes, delete it";
    NoMySwot => "还没有 SWOT 分析。点“新建 SWOT”开始。", "No analyses yet. Click “New SWOT” to start one.";
    Frameworks => "分析工具", "Frameworks";
    ReduceMotion => "减少动画", "Reduce motion";
    OpenPackFolder => "打开课程包文件夹…", "Open lesson pack folder…";
    PackFileFilter => "课程包（.zip 或 pack.ron）", "Lesson pack (.zip or pack.ron)";
    PackLibrary => "课程包库", "Pack library";
    PackLibraryHelp => "安装过的课程包都在这里，原来的文件移走或删除也不影响。把课程包（文件夹或 .zip）拖到窗口里即可安装。", "Every installed pack stays here even if the original file is moved or deleted. Drop a pack (folder or .zip) onto the window to install it.";
    BuiltinPack => "内置教材", "Built-in syllabus";
    Version => "版本", "Version";
    Authors => "作者", "Authors";
    Exercises => "个练习", "exercises";
    StudyThisPack => "学习这个课程包", "Study this pack";
    CurrentPack => "正在学习", "Studying now";
    UpdatePack => "更新…", "Update…";
    RemovePack => "移除…", "Remove…";
    RemoveConfirmTitle => "移除这个课程包？", "Remove this pack?";
    RemoveConfirmText => "课程包的文件会从课程包库中删除。你的学习记录默认保留，重新安装后会自动找回。", "The pack's files are deleted from the library. Your study records are kept by default and come back if you install the pack again.";
    ForgetRecords => "同时删除我在这个课程包里的学习记录", "Also delete my study records for this pack";
    ConfirmRemove => "确定移除", "Remove";
    NoInstalledPacks => "还没有安装其他课程包。", "No other packs are installed yet.";
    InstallingPack => "正在检查并安装课程包…", "Checking and installing the pack…";
    ImportingBank => "正在读取题库…", "Reading the question bank…";
    ExportingResults => "正在导出成绩…", "Exporting results…";
    ExportingPicture => "正在生成图片…", "Drawing the picture…";
    RestoringBackup => "正在恢复备份…", "Restoring the backup…";
    SavingProfile => "正在保存学习档案…", "Saving the profile…";
    NoFileDialog => "无法打开文件对话框：系统没有可用的文件选择器（Linux 上需要 xdg-desktop-portal 或 zenity）。", "No file dialog could be opened: the system has no file chooser (on Linux, install xdg-desktop-portal or zenity).";
    TypePathTitle => "输入路径", "Type the path";
    TypePathOpen => "请输入或粘贴要打开的文件的完整路径：", "Type or paste the full path of the file to open:";
    TypePathFolder => "请输入或粘贴文件夹的完整路径：", "Type or paste the full path of the folder:";
    TypePathSave => "请输入或粘贴保存位置（完整路径，也可以只写文件夹）：", "Type or paste where to save (a full path, or just the folder):";
    TypePathKinds => "可用的文件类型：{0}", "File types: {0}";
    TypePathUse => "使用这个路径", "Use this path";
    TypePathEmpty => "请先输入路径。", "Type a path first.";
    TypePathNotAbsolute => "请输入完整路径（从根目录或盘符开始）。", "Type the full path (from the root folder or the drive letter).";
    TypePathNoFile => "找不到这个文件。", "There is no such file.";
    TypePathNoFolder => "找不到这个文件夹。", "There is no such folder.";
    WindowStateReset => "窗口位置文件已损坏，已移到 {0}，窗口使用默认大小。", "The saved window position was damaged and was moved to {0}; the window starts at its default size.";
    PackInstalled => "课程包已安装：", "Pack installed: ";
    PackUpdated => "课程包已更新，学习记录已保留：", "Pack updated, study records kept: ";
    PackRefused => "课程包没有安装", "The pack was not installed";
    PackWarnings => "提示：", "Warnings:";
    ReportClose => "关闭", "Close";
    DropToInstall => "松开鼠标：课程包将被安装，题库将被导入", "Drop: a lesson pack is installed, a question bank imported";
    ImportBank => "从题库导入…", "Import a question bank…";
    ImportTitle => "从题库导入课程包", "Import a question bank as a pack";
    ImportHelp => "支持 Excel 工作簿（.xlsx/.xls）、CSV（UTF-8 或 GBK 均可）、从 Word 粘贴的文本（.txt）或 .docx，以及 Moodle GIFT。表格的表头（上方可有标题行）：题型、题干、选项A…选项H、答案、解析、章节；多张工作表即多个章节。Word 题库按“1. 题干 / A. 选项 / 答案：B / 解析：…”书写，“一、单选题”这样的标题决定题型。", "Accepts Excel workbooks (.xlsx/.xls), CSV (UTF-8 or GBK), text pasted from Word (.txt) or a .docx, and Moodle GIFT. A sheet's header (title rows above it are fine): type, stem, A…H, answer, explanation, chapter; several sheets are several chapters. A Word bank is written as “1. stem / A. option / 答案：B / 解析：…”, and headings such as “一、单选题” set the type.";
    ImportDropHint => "也可以把题库文件直接拖到窗口里。", "You can also drop the file onto the window.";
    ChooseBankFile => "选择题库文件…", "Choose a question bank file…";
    BankFileFilter => "题库（Excel、CSV、Word 或 GIFT）", "Question bank (Excel, CSV, Word or GIFT)";
    BankRead => "读到题目：", "Questions read: ";
    BankProblems => "有问题的行（已跳过）：", "Rows with problems (skipped): ";
    BankEncoding => "编码：", "Encoding: ";
    PackTitle => "课程包标题", "Pack title";
    PackId => "课程包编号（id）", "Pack id";
    ImportInstall => "导入并安装", "Import and install";
    ImportSaveFolder => "另存为课程包文件夹…", "Save as a pack folder…";
    ImportSaved => "课程包已写入：", "Pack written to: ";
    ImportFailed => "导入失败：", "Import failed: ";
    ExportResults => "导出成绩…", "Export results…";
    ExportDone => "成绩已导出（作答记录、按章汇总、xAPI）：", "Results exported (attempts, chapter summary, xAPI):";
    AttemptCount => "条作答记录", "attempts";
    AttemptOne => "条作答记录", "attempt";
    // Help, first start, tour, presentation mode.
    HelpAndShortcuts => "帮助与快捷键", "Help and shortcuts";
    HelpTitle => "帮助", "Help";
    HelpIntro => "ServiceCraft 的课程、练习和设置都可以只用键盘操作：Tab 在控件之间移动，F6 在区域之间跳转，Enter 确认。拖动卡片都有按键代替；只有调整侧栏宽度需要鼠标。", "Lessons, exercises and settings in ServiceCraft can all be used with the keyboard: Tab moves between controls, F6 between areas, Enter confirms. Every card you can drag also moves by key; only resizing the side panels needs a mouse.";
    KeyboardShortcuts => "键盘快捷键", "Keyboard shortcuts";
    ShortcutAction => "操作", "Action";
    ShortcutKeys => "按键", "Keys";
    KeyNextLesson => "下一课", "Next lesson";
    KeyPrevLesson => "上一课", "Previous lesson";
    KeyHome => "回到首页", "Go to the home screen";
    KeyPickOption => "选择题：选第 1–8 个选项", "Choice questions: pick option 1–8";
    KeyTrueFalse => "判断题：对 / 错", "True/false questions: true / false";
    KeySubmit => "提交答案，再按一次进入下一题；其他页面和对话框里按下默认按钮（继续、关闭）", "Submit the answer, press again for the next question; elsewhere press the page's or dialog's default button (Continue, Close)";
    KeyRecall => "记忆卡自评：忘了 / 困难 / 记得 / 很简单", "Flashcards: rate Again / Hard / Good / Easy";
    KeyRolePlay => "情景演练：选择第 1–6 个回应", "Role-plays: choose reply 1–6";
    KeyCards => "SWOT、PDCA 练习：选卡片、放入格子、取回", "SWOT and PDCA exercises: choose a card, put it in a box, take it back";
    KeyReorder => "排序练习：上下移动选中的一步", "Ordering exercises: move the chosen step up or down";
    KeyNote => "打开笔记栏并开始输入", "Open the notes panel and start typing";
    KeySearch => "搜索课程、题目、记忆卡和笔记", "Search lessons, questions, flashcards and notes";
    KeyZoom => "放大 / 缩小 / 默认文字大小", "Larger / smaller / default text";
    KeyHelp => "打开或关闭帮助", "Open or close this help";
    KeyPresent => "进入或退出演示模式", "Enter or leave presentation mode";
    KeyEscape => "退出演示模式、关闭对话框", "Leave presentation mode, close a dialog";
    KeyTab => "在按钮、链接和输入框之间移动", "Move between buttons, links and fields";
    KeyActivate => "按下有焦点的按钮", "Press the focused button";
    KeyScroll => "滚动课文和页面（输入框没有焦点时）", "Scroll the lesson or page (while no text field has the focus)";
    KeyRegions => "在目录、内容和笔记之间跳转", "Jump between the syllabus, the content and the notes";
    KeyFlip => "记忆卡：翻面", "Flashcards: turn the card over";
    SkipToContent => "跳到内容", "Skip to content";
    RegionTree => "课程目录区域", "Syllabus area";
    RegionContent => "内容区域", "Content area";
    RegionNotes => "笔记区域", "Notes area";
    KeyAnyOf => "{0} 或 {1}", "{0} or {1}";
    RestartTour => "重新开始导览", "Take the tour again";
    TakeTour => "界面导览", "Tour of the screens";
    VersionN => "版本 {0}", "Version {0}";
    ChooseLanguage => "请选择界面语言", "Choose the language of the interface";
    ChooseLanguageHelp => "以后随时可以在“视图 → 语言”中更改。", "You can change it at any time under View → Language.";
    Continue => "继续", "Continue";
    StepOf => "第 {0} 步，共 {1} 步", "Step {0} of {1}";
    TourNext => "下一步", "Next";
    TourBack => "上一步", "Back";
    TourSkip => "跳过导览", "Skip the tour";
    TourTreeTitle => "课程目录", "The syllabus";
    TourTreeText => "全部课程按章、节排列在左侧。点一课开始阅读；学完的课前面会打上 ✔。", "Every lesson, by chapter and section, is listed on the left. Click one to read it; finished lessons get a ✔.";
    TourLessonTitle => "阅读课程", "Reading a lesson";
    TourLessonText => "课文、要点、口诀和考点显示在中间。读完后按页面底部的“完成本课”；Alt+→ 和 Alt+← 切换到下一课、上一课。", "The lesson, its key points, mnemonics and exam tips appear in the middle. When you have read it, press “Mark lesson complete” at the bottom; Alt+→ and Alt+← go to the next and previous lesson.";
    TourPracticeTitle => "练习与模拟考试", "Practice and mock exams";
    TourPracticeText => "练习中心有章节练习、今日复习和模拟考试。答错的题会自动收进错题本，直到你真正掌握为止。", "The practice centre has practice by chapter, today's review and mock exams. Every wrong answer goes into the mistake notebook until you have really learned it.";
    TourNotesTitle => "笔记", "Notes";
    TourNotesText => "在右侧的笔记栏为每一课、每道题记笔记，按 Ctrl+N 即可开始输入。笔记会自动保存。", "Take notes on every lesson and question in the panel on the right; Ctrl+N puts the cursor there. Notes are saved automatically.";
    TourHelpTitle => "帮助与快捷键", "Help and shortcuts";
    TourHelpText => "按 F1 查看全部键盘快捷键；在“帮助”菜单中可以随时重新开始这个导览。课堂投影时，按 F11 进入演示模式。", "Press F1 for every keyboard shortcut; the Help menu starts this tour again at any time. For a classroom projector, F11 enters presentation mode.";
    PresentationMode => "演示模式", "Presentation mode";
    PresentationHint => "演示模式 · 按 Esc 退出", "Presentation mode · Esc leaves it";
    ExerciseButton => "▶ {0}：{1}", "▶ {0}: {1}";
    LabelledText => "{0}：{1}", "{0}: {1}";
    // Search (Ctrl+F).
    Search => "搜索", "Search";
    OpenSearch => "打开搜索（Ctrl+F）", "Open search (Ctrl+F)";
    SearchTitle => "搜索课程、题目、记忆卡和笔记", "Search lessons, questions, flashcards and notes";
    SearchHint => "输入要找的词…", "Type what you are looking for…";
    SearchHelp => "多个词用空格分开，每个词都包含才算找到。按 ↓、Tab 或 Enter 到结果，Enter 打开，Esc 关闭。", "Separate words with spaces: a result contains every word. ↓, Tab or Enter reaches the results, Enter opens one, Esc closes the search.";
    SearchNothing => "没有找到包含所有这些词的内容。", "Nothing contains all of these words.";
    SearchCount => "共找到 {0} 处", "{0} found";
    SearchShowingFirst => "显示前 {0} 条，共 {1} 条", "Showing the first {0} of {1}";
    SearchLessons => "课程", "Lessons";
    SearchQuestions => "题目", "Questions";
    SearchFlashcards => "记忆卡", "Flashcards";
    SearchExercises => "练习", "Exercises";
    SearchNotesGroup => "笔记", "Notes";
    SearchLesson => "课程", "Lesson";
    SearchQuestion => "题目", "Question";
    SearchFlashcard => "记忆卡", "Flashcard";
    SearchExercise => "练习", "Exercise";
    SearchNote => "笔记", "Note";
    SearchResultLabel => "{0}：{1}", "{0}: {1}";
    // The class report (HTML, .xlsx and on screen).
    ClassReportTitle => "班级学习报告", "Class report";
    ClassReportMeta => "{0} 名学员 · {1} 份成绩文件 · 生成于 {2}", "{0} trainees · {1} results files · made {2}";
    ClassReportDuplicates => "重复提交的记录已合并：{0} 条", "Duplicate records merged: {0}";
    ClassTrainees => "学员概况", "Trainees";
    ClassTrainee => "学员", "Trainee";
    ClassAttempts => "作答次数", "Attempts";
    ClassScore => "得分率", "Score";
    ClassCompletion => "完成度", "Completion";
    ClassPassProbability => "通过概率", "Pass probability";
    ClassTimeSpent => "学习时长", "Time spent";
    ClassLastStudied => "最近学习", "Last studied";
    ClassInactive => "近 7 天未学习", "Not studied in the last 7 days";
    ClassInactiveNone => "所有学员近 7 天都学习过。", "Everyone studied in the last 7 days.";
    ClassByChapter => "各章得分率与完成度", "Score and completion by chapter";
    ClassByChapterHelp => "格子里是得分率（最近一次作答），下方是完成度（学员做过的题 / 全班做过的题）；颜色由红到绿。", "Each cell shows the score (latest attempt at each item) and below it the completion (items the trainee did / items the class did); red to green.";
    ClassChapter => "章节", "Chapter";
    ClassAverage => "全班平均", "Class average";
    ClassMostMissed => "全班最易错的题", "Questions the class misses most";
    ClassQuestion => "题目", "Question";
    ClassKey => "答案", "Key";
    ClassWrong => "错误次数", "Wrong";
    ClassWrongAnswers => "错选分布", "Wrong answers chosen";
    ClassNoMisses => "还没有答错的题。", "No question has been missed yet.";
    ClassReportNote => "说明：分数只含题目得分；案例演练和练习的百分比不计入。时长按每次作答最多 30 分钟计。", "Scores count question points only; role-play and exercise percentages are not added in. Time counts at most 30 minutes per attempt.";
    ClassMinutes => "{0} 分钟", "{0} min";
    ClassReportMenu => "班级报告…", "Class report…";
    ClassReportIntro => "选择学员交来的成绩文件（“导出成绩”生成的 CSV），或放有这些文件的文件夹。报告只在本机生成。", "Choose the results files trainees handed in (the CSV that “Export results” writes), or a folder holding them. The report is made on this computer only.";
    ClassAddFiles => "添加成绩文件…", "Add results files…";
    ClassAddFolder => "添加文件夹…", "Add a folder…";
    ClassClear => "清空", "Clear";
    ClassRemoveSource => "移除 {0}", "Remove {0}";
    ClassNoSources => "还没有选择成绩文件。", "No results files chosen yet.";
    ClassSaveHtml => "保存为网页（HTML）…", "Save as a web page (HTML)…";
    ClassSaveXlsx => "保存为 Excel 表格…", "Save as an Excel workbook…";
    ClassBuilding => "正在生成班级报告…", "Building the class report…";
    ClassReportFailed => "无法生成班级报告：{0}", "Cannot build the class report: {0}";
    ClassResultsFilter => "成绩文件", "Results files";
    // The CRM lab's input checks (model::lab::LabError).
    LabRequired => "请填写“{0}”。", "Fill in “{0}”.";
    LabDuplicateName => "已有名为“{0}”的客户。", "There is already a customer named “{0}”.";
    LabBadPhone => "电话号码“{0}”格式不对：只能有数字、空格和“-”，7 到 20 位数字。", "The phone number “{0}” is not valid: digits, blanks and “-” only, 7 to 20 digits.";
    LabUnknown => "找不到{0}“{1}”。", "There is no {0} “{1}”.";
    LabWhatCustomer => "客户", "customer";
    LabWhatStaff => "员工", "staff member";
    LabWhatProduct => "产品", "product";
    LabWhatOrder => "订单", "order";
    LabWhatInstalment => "回款期", "instalment";
    LabWhatServiceTask => "服务任务", "service task";
    LabNotCustomer => "“{0}”不是正式客户，不能这样转换。", "“{0}” is not a customer, so it cannot be converted this way.";
    LabPotentialCannotOrder => "“{0}”还是潜在客户，请先把他转为客户再下订单。", "“{0}” is still a potential customer: make it a customer before taking an order.";
    LabNoLines => "订单至少要有一个产品。", "An order needs at least one product.";
    LabBadQuantity => "数量必须大于 0。", "The quantity must be above 0.";
    LabBadAmount => "金额必须大于 0。", "The amount must be above 0.";
    LabFutureDate => "日期 {0} 晚于今天（{1}）。", "The date {0} is after today ({1}).";
    LabBeforeOrder => "日期 {0} 早于订单日期 {1}。", "The date {0} is before the order date {1}.";
    LabPastDate => "日期 {0} 早于今天（{1}）。", "The date {0} is before today ({1}).";
    LabPlanEmpty => "回款计划至少要有一期。", "A payment plan needs at least one instalment.";
    LabPlanOrder => "各期到期日要从早到晚排列。", "Instalments must fall due in date order.";
    LabPlanSum => "各期金额合计 {0} 元，订单总额是 {1} 元，两者必须相等。", "The instalments add up to {0} yuan but the order total is {1} yuan; they must be equal.";
    LabPlanHasPayments => "这个订单已经有回款，不能再改回款计划或终止。", "This order already has payments: its plan cannot change and it cannot be terminated.";
    LabOrderClosed => "订单已终止或已完成，不能再修改。", "The order is terminated or completed and cannot change.";
    LabOverpay => "这一期还欠 {0} 元，付款不能超过这个数。", "{0} yuan is outstanding on this instalment; a payment cannot be more.";
    LabAlreadyPaid => "这一期已经付清，不用提醒。", "This instalment is paid; there is nothing to remind.";
    LabNotDueSoon => "这一期 {0} 才到期，到期前 7 天内才发提醒。", "This instalment falls due on {0}; reminders go out within 7 days of the due date.";
    LabBadMove => "服务任务不能从“{0}”改为“{1}”。", "A service task cannot go from “{0}” to “{1}”.";
    LabNeedResolution => "改为“已解决”前，请写明处理结果。", "Write down the resolution before marking the task resolved.";
    // The CRM lab screen (ui::lab).
    Labs => "CRM 教学实验", "CRM teaching labs";
    LabBack => "返回", "Back";
    LabBadDate => "日期“{0}”格式不对，请写成 2025-01-10 这样。", "The date “{0}” is not valid: write it as 2025-01-10.";
    LabBadNumber => "“{0}”不是整数。", "“{0}” is not a whole number.";
    LabRemindShort => "提醒", "Remind";
    LabMiningHelp => "价值分按 RFM 计算：最近一次回款（R）、一年内的订单数（F）和回款额（M）各按在全部客户中的排名打 1–5 分，相加得 3–15 分。点表头可排序。", "The value score is RFM: recency of the last payment (R), orders in the year (F) and money paid in the year (M), each scored 1–5 by rank among all customers, added up to 3–15. Click a header to sort.";
    LabsHelp => "在模拟公司的 CRM 中动手操作，完成每个实验的任务。", "Work in a simulated company's CRM and complete each lab's tasks.";
    LabOpen => "打开实验：{0}", "Open the lab: {0}";
    LabPractiseIn => "在实验中练习：{0}", "Practise in the lab: {0}";
    LabRole => "角色：{0}", "Role: {0}";
    LabToday => "模拟日期：{0}", "Simulated date: {0}";
    LabModules => "模块", "Modules";
    LabTabCustomers => "客户", "Customers";
    LabTabAgents => "代理", "Agents";
    LabTabPotential => "潜在客户", "Potential customers";
    LabTabCompetitors => "竞争对手", "Competitors";
    LabTabProducts => "产品", "Products";
    LabTabOrders => "订单与回款", "Orders and payments";
    LabTabAccounts => "账目与欠款", "Accounts and arrears";
    LabTabService => "服务任务", "Service tasks";
    LabTabCare => "客户关怀", "Customer care";
    LabTabMining => "对象挖掘", "Value mining";
    LabTabAnalysis => "分析决策", "Analysis";
    LabFilter => "筛选", "Filter";
    LabFilterHint => "关键词（Ctrl+F）", "Words (Ctrl+F)";
    LabRows => "{0} / {1} 条", "{0} of {1}";
    LabSortBy => "按“{0}”排序", "Sort by “{0}”";
    LabSelect => "选中 {0}", "Select {0}";
    LabColId => "编号", "ID";
    LabColName => "名称", "Name";
    LabColKind => "类别", "Kind";
    LabColClass => "分类", "Class";
    LabColIndustry => "行业", "Industry";
    LabColContact => "联系人", "Contact";
    LabColPhone => "电话", "Phone";
    LabColRegion => "地区", "Region";
    LabColAddress => "地址", "Address";
    LabColOwner => "负责人", "Account owner";
    LabColCreated => "建档日期", "Created";
    LabColNote => "备注", "Note";
    LabColProducts => "主要产品", "Products";
    LabColStrengths => "优势", "Strengths";
    LabColWeaknesses => "劣势", "Weaknesses";
    LabColPriceLevel => "价格水平", "Price level";
    LabColCategory => "类别", "Category";
    LabColUnit => "单位", "Unit";
    LabColPrice => "单价（元）", "Price (yuan)";
    LabColWarranty => "保修（月）", "Warranty (months)";
    LabColDate => "日期", "Date";
    LabColCustomer => "客户", "Customer";
    LabColStaff => "员工", "Staff";
    LabColTotal => "总额", "Total";
    LabColPaid => "已回款", "Paid";
    LabColOutstanding => "欠款", "Outstanding";
    LabColStatus => "状态", "Status";
    LabColDue => "到期日", "Due";
    LabColAmount => "金额", "Amount";
    LabColInstalment => "期次", "Instalment";
    LabColOverdue => "逾期天数", "Days overdue";
    LabColReminded => "提醒日期", "Reminded";
    LabColType => "类型", "Type";
    LabColTitle => "标题", "Title";
    LabColOpened => "受理日期", "Opened";
    LabColCareKind => "关怀方式", "Kind of care";
    LabColDone => "已完成", "Done";
    LabColRecency => "最近回款（天前）", "Last paid (days ago)";
    LabColFrequency => "年订单数", "Orders in the year";
    LabColMonetary => "年回款（元）", "Paid in the year (yuan)";
    LabColScore => "价值分（R+F+M）", "Value score (R+F+M)";
    LabColProduct => "产品", "Product";
    LabColQuantity => "数量", "Quantity";
    LabColResolution => "处理结果", "Resolution";
    LabNew => "新增", "New";
    LabSave => "保存（Enter）", "Save (Enter)";
    LabEditing => "编辑 {0}", "Editing {0}";
    LabAdding => "新增记录", "New record";
    LabSaved => "已保存。", "Saved.";
    LabConvert => "转为代理", "Convert to agent";
    LabPromote => "转为客户", "Make a customer";
    LabNone => "（无）", "(none)";
    LabTerminate => "终止订单", "Terminate the order";
    LabNewOrder => "新建订单", "New order";
    LabCustomerHint => "客户编号或名称", "Customer ID or name";
    LabCustomerIs => "客户：{0}", "Customer: {0}";
    LabPlanTitle => "回款计划", "Payment plan";
    LabAddInstalment => "添加一期", "Add an instalment";
    LabRemoveInstalment => "删除最后一期", "Remove the last instalment";
    LabSplitEven => "平均分配金额", "Split the amount evenly";
    LabSavePlan => "保存回款计划", "Save the payment plan";
    LabPlanSumNow => "合计 {0} 元 / 订单总额 {1} 元", "Sum {0} yuan / order total {1} yuan";
    LabDueN => "第 {0} 期到期日", "Instalment {0} due";
    LabAmountN => "第 {0} 期金额", "Instalment {0} amount";
    LabPay => "登记回款", "Record a payment";
    LabPayFor => "回款期次", "Instalment";
    LabRemindRow => "提醒 {0} 第 {1} 期", "Remind {0} instalment {1}";
    LabOverdueOnly => "只看逾期", "Overdue only";
    LabOwingOnly => "只看有欠款的", "Owing only";
    LabMoveTo => "改为“{0}”", "Move to “{0}”";
    LabHistory => "状态历史", "Status history";
    LabHistoryLine => "{0} {1}：{2} → {3}", "{0} {1}: {2} → {3}";
    LabNewTask => "受理新反馈", "Take in a feedback";
    LabSelectHint => "在表格中选中一条记录，在这里编辑或处理它。", "Select a record in the table to edit or handle it here.";
    LabReadOnly => "产品档案由公司维护，这里只能查看。", "The company keeps the product records; they are read-only here.";
    LabChart => "分析", "Analysis";
    LabChartSalesByDay => "销售时间分析（按日）", "Sales by day";
    LabChartSalesByMonth => "销售时间分析（按月）", "Sales by month";
    LabChartByDept => "销售情况分析（按部门）", "Sales by department";
    LabChartByStaff => "员工分析", "Sales by staff member";
    LabChartRanking => "客户排行分析", "Customer ranking";
    LabChartFeedback => "服务反馈分析", "Service feedback";
    LabChartArrears => "欠款账龄分析", "Arrears ageing";
    LabChartActivities => "市场活动分析", "Market activities";
    LabFrom => "从", "From";
    LabTo => "到", "To";
    LabYuan => "{0} 元", "{0} yuan";
    LabLeads => "{0} 个潜在客户", "{0} leads";
    LabCountN => "{0} 项", "{0}";
    LabChartData => "图表数据", "The chart's figures";
    LabTopN => "显示前 {0} 名", "Showing the top {0}";
    LabTasks => "实验任务", "Tasks";
    LabTaskMet => "✔ 已完成", "✔ Done";
    LabProgress => "进度 {0}/{1}", "Progress {0}/{1}";
    LabStudyLesson => "学习相关课程", "Study the lesson";
    LabAnswerWith => "回答：{0}", "Answer: {0}";
    LabPickN => "第 {0} 名", "Place {0}";
    LabFinish => "完成实验并记分", "Finish and score the lab";
    LabFinished => "实验已完成：{0}/{1} 项任务。", "Lab finished: {0} of {1} tasks.";
    LabDebrief => "实验小结", "What the lab teaches";
    LabReset => "重置实验", "Reset the lab";
    LabResetConfirm => "重置会丢掉你在本实验中的全部操作，回到原始数据。重置前会先做一份备份，可在“备份”中恢复。确定重置吗？", "Resetting drops everything you did in this lab and goes back to the original data. A backup is taken first and can be restored from Backups. Reset?";
    LabResetYes => "确定重置", "Reset";
    LabResetDone => "实验已重置。重置前的数据已备份：{0}", "The lab was reset. What it held is in backup {0}.";
    LabResetFailed => "无法重置实验：{0}", "The lab could not be reset: {0}";
    LabNotFound => "找不到实验“{0}”或它的数据。", "The lab “{0}” or its data was not found.";
    LabKindCustomer => "客户", "Customer";
    LabKindAgent => "代理", "Agent";
    LabKindPotential => "潜在客户", "Potential";
    LabClassKey => "关键客户", "Key";
    LabClassMajor => "重要客户", "Major";
    LabClassOrdinary => "普通客户", "Ordinary";
    LabClassSmall => "小客户", "Small";
    LabFbInquiry => "咨询", "Inquiry";
    LabFbComplaint => "投诉", "Complaint";
    LabFbRepair => "维修", "Repair";
    LabFbSuggestion => "建议", "Suggestion";
    LabStAccepted => "受理", "Accepted";
    LabStInProgress => "处理中", "In progress";
    LabStResolved => "已解决", "Resolved";
    LabStClosed => "已关闭", "Closed";
    LabOrderOpen => "执行中", "Open";
    LabOrderDone => "已完成", "Done";
    LabOrderTerminated => "已终止", "Terminated";
    LabCareBirthday => "生日问候", "Birthday greeting";
    LabCareHoliday => "节日关怀", "Holiday greeting";
    LabCareVisit => "使用回访", "Follow-up visit";
    LabCareSurvey => "满意度调查", "Satisfaction survey";
    LabYes => "是", "Yes";
    LabNo => "否", "No";
    // Exam readiness, certainty and the mistake notebook's causes (issue #18).
    DesiredRetention => "目标记忆保持率", "Desired retention";
    DesiredRetentionHelp => "越高，复习越频繁、遗忘越少；越低，每天复习更少，但忘得更多。", "Higher means more reviews and fewer lapses; lower means fewer reviews a day but more forgetting.";
    CertaintySure => "确定", "Sure";
    CertaintyUnsure => "不太确定", "Not sure";
    CertaintyGuess => "猜的", "Guessed";
    CalibrationSummary => "你选“确定”时，答对了 {0}%", "When you were sure, you were right {0} % of the time";
    Misconception => "误解（确定却答错）", "Misconception (sure but wrong)";
    CauseConcept => "概念不清", "Unclear concept";
    CauseConfusion => "记忆混淆", "Mixed up";
    CauseMisreading => "审题失误", "Misread the question";
    CauseCareless => "粗心", "Careless";
    ExamDate => "考试日期", "Exam date";
    PassProbability => "通过概率 {0}%（{1}–{2}%）", "Pass probability {0} % ({1}–{2} %)";
    // Shuffled options, option controls and the role-play debrief (issue #16).
    ShuffleOptions => "打乱选项顺序", "Shuffle answer options";
    RightOptionMark => "✔ 正确答案", "✔ Right answer";
    WrongPickMark => "✖ 你的选择", "✖ Your pick";
    RolePlayStep => "第 {0} 步", "Step {0}";
    YourReplyWas => "你的回复：", "Your reply: ";
    BestReplyWas => "最佳回复：", "Best reply: ";
    SameAsBest => "✔ 与最佳回复一致", "✔ The best reply";
    ReadinessTitle => "考试准备度", "Exam readiness";
    ReadinessUpdating => "（正在更新…）", "(updating…)";
    ReadinessComputing => "正在估计通过概率…", "Estimating the pass probability…";
    ReadinessNoMock => "这个课程包没有模拟考试，无法估计通过概率。", "This pack has no mock exam, so the pass probability cannot be estimated.";
    ExpectedScore => "预计得分 {0}%，及格线 {1}%", "Expected score {0} %, pass mark {1} %";
    ReadinessBasis => "根据你在本课程包的 {0} 次作答，模拟 {1} 套试卷估计。", "Estimated from your {0} answers on this pack by simulating {1} papers.";
    TrendTitle => "近几周走势", "Trend over the past weeks";
    TrendWeeksAgo => "{0} 周前", "{0} wk ago";
    TrendNow => "现在", "Now";
    ExamDateSet => "设定", "Set";
    ExamDateClear => "清除", "Clear";
    ExamDateInvalid => "日期格式应为 2027-05-20，且不早于今天。", "Write the date as 2027-05-20, not before today.";
    ExamDateNone => "未设定考试日期：今日计划按每日复习安排。", "No exam date: today's plan is the daily review queue.";
    DaysToExam => "距考试还有 {0} 天", "{0} days to the exam";
    TodayPlan => "今日计划", "Today's plan";
    PlanReviews => "复习 {0} 题", "Review {0} items";
    PlanLessons => "新学 {0} 课：{1}", "Learn {0} new lessons: {1}";
    PlanMistakes => "重做错题 {0} 道", "Redo {0} mistakes";
    PlanMock => "模拟考试一次", "Sit one mock exam";
    PlanMinutes => "合计约 {0} 分钟", "About {0} minutes in all";
    PlanNothing => "今天没有安排：可以预习下一课或做一组练习。", "Nothing planned today: read ahead or practise a set.";
    NewAndDue => "新 {0} · 待复习 {1}", "New {0} · Due {1}";
    MasteryMap => "掌握图", "Mastery map";
    MasteryMapHelp => "每格一课，颜色是模型估计的考试当天答对概率（未练的题按猜测和同课表现估计）；点格子打开这一课。", "One cell per lesson, coloured by the model's estimate of a right answer on the exam day (unpractised questions from chance and the lesson's other answers); a cell opens the lesson.";
    MasteryCell => "{0}：预计答对 {1}%，已练 {2}/{3} 题", "{0}: {1} % expected right, {2}/{3} questions practised";
    MasteryNoQuestions => "{0}：本课没有题目", "{0}: no questions in this lesson";
    MasteryLegendNone => "无题", "No questions";
    MemorySettings => "记忆与复习", "Memory and reviews";
    ForecastTitle => "未来四周每天的复习量", "Reviews per day over the next four weeks";
    ForecastAxis => "天后", "days on";
    ParamsFitted => "记忆参数已按你的 {0} 次作答优化（FSRS-6）。", "Memory parameters fitted to your {0} answers (FSRS-6).";
    ParamsDefault => "使用 FSRS-6 默认参数；作答满 {0} 次后自动按你的记录优化。", "Using FSRS-6's default parameters; they are fitted to your record after {0} answers.";
    ParamsFitting => "正在按你的记录优化记忆参数…", "Fitting the memory parameters to your record…";
    CalibrationNone => "答题时选择确定程度（确定 / 不太确定 / 猜的），这里会告诉你判断得有多准。", "Say how sure you are when answering (sure / not sure / guessed) to see how well you judge yourself.";
    CertaintyAsk => "有多确定？选一个即提交（键 J / K / L）：", "How sure are you? Each submits (keys J / K / L):";
    CauseAsk => "为什么错了？", "Why was it wrong?";
    BackToMistakes => "← 错题本", "← Mistake notebook";
    GroupByLabel => "分组：", "Group by:";
    GroupChapter => "章", "Chapter";
    ByLesson => "按课", "By lesson";
    ByQType => "按题型", "By type";
    ByCause => "按错因", "By cause";
    GroupLesson => "课", "Lesson";
    GroupType => "题型", "Type";
    GroupCause => "错因", "Cause";
    FilterAll => "全部", "All";
    FilterLabel => "筛选：", "Filter:";
    CauseUntagged => "未标注原因", "No cause given";
    MistakesShown => "显示 {0} / {1} 道", "Showing {0} of {1}";
    WrongTimes => "错 {0} 次", "wrong {0}×";
    RightAnswerIs => "正确答案：", "Right answer: ";
    PractiseThis => "练这道题", "Practise this one";
    ExportPrintable => "导出打印版 HTML…", "Export printable HTML…";
    AnswerTrue => "正确", "True";
    AnswerFalse => "错误", "False";
    NoAnswerRecorded => "（没有记录）", "(not recorded)";
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
    fn counts_say_one_in_the_singular() {
        assert_eq!(
            counted(Lang::En, 1, T::ChapterOne, T::Chapters),
            "1 chapter"
        );
        assert_eq!(
            counted(Lang::En, 8, T::ChapterOne, T::Chapters),
            "8 chapters"
        );
        assert_eq!(counted(Lang::En, 1, T::DayOne, T::DaysN), "1 day");
        assert_eq!(counted(Lang::En, 0, T::DayOne, T::DaysN), "0 days");
        assert_eq!(counted(Lang::Zh, 1, T::DayOne, T::DaysN), "1 天");
        assert_eq!(counted(Lang::Zh, 8, T::ChapterOne, T::Chapters), "8 章");
        for (one, many) in [
            (T::ChapterOne, T::Chapters),
            (T::LessonOne, T::Lessons),
            (T::QuestionOne, T::Questions),
            (T::ExerciseOne, T::Exercises),
            (T::DayOne, T::DaysN),
            (T::NoteOne, T::NotesCount),
            (T::AttemptOne, T::AttemptCount),
        ] {
            assert_eq!(one.get(Lang::Zh), many.get(Lang::Zh), "{one:?}");
            assert_ne!(one.get(Lang::En), many.get(Lang::En), "{one:?}");
        }
    }

    #[test]
    fn a_label_is_not_said_twice() {
        assert_eq!(
            labelled(Lang::Zh, "案例材料", "案例：蹦极项目的投诉"),
            "案例材料：蹦极项目的投诉"
        );
        assert_eq!(
            labelled(Lang::Zh, "PDCA 工作表", "PDCA 工作表：缩短投诉处理时长"),
            "PDCA 工作表：缩短投诉处理时长"
        );
        assert_eq!(
            labelled(Lang::Zh, "案例材料", "银行网点"),
            "案例材料：银行网点"
        );
        assert_eq!(labelled(Lang::En, "Case", "Case: a bank"), "Case: a bank");
        assert_eq!(
            labelled(Lang::Zh, "案例材料", "投诉：处理流程"),
            "案例材料：投诉：处理流程"
        );
    }

    #[test]
    fn brackets_follow_the_language() {
        assert_eq!(paren(Lang::Zh, "8"), "（8）");
        assert_eq!(paren(Lang::En, "8"), " (8)");
    }

    #[test]
    fn language_codes_parse() {
        assert_eq!(Lang::parse("zh_CN.UTF-8"), Some(Lang::Zh));
        assert_eq!(Lang::parse("en-GB"), Some(Lang::En));
        assert_eq!(Lang::parse("fr"), None);
    }
}
