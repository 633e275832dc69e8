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

macro_rules! catalog {
    ($($key:ident => $zh:literal, $en:literal;)*) => {
        /// A UI string; `T::X.get(lang)` gives its text.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum T { $($key,)* }

        impl T {
            pub const ALL: &'static [T] = &[$(T::$key,)*];

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
    PracticeCenter => "练习中心", "Practice";
    Mistakes => "错题本", "Mistake notebook";
    MistakesHelp => "答错的题会自动收进错题本；复习计划判断你已经掌握后，它才会离开。", "Every wrong answer is collected here; an item leaves once the review schedule judges it learned.";
    NoMistakes => "错题本是空的。", "The mistake notebook is empty.";
    PractiseMistakes => "练习全部错题", "Practise all mistakes";
    Remove => "移除", "Remove";
    Favourite => "收藏", "Add to favourites";
    Unfavourite => "取消收藏", "Remove from favourites";
    Favourites => "我的收藏", "Favourites";
    DueToday => "今日待复习：", "Reviews due today:";
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
    Cancel => "取消", "Cancel";
    NoInstalledPacks => "还没有安装其他课程包。", "No other packs are installed yet.";
    InstallingPack => "正在检查并安装课程包…", "Checking and installing the pack…";
    ImportingBank => "正在读取题库…", "Reading the question bank…";
    ExportingResults => "正在导出成绩…", "Exporting results…";
    PackInstalled => "课程包已安装：", "Pack installed: ";
    PackUpdated => "课程包已更新，学习记录已保留：", "Pack updated, study records kept: ";
    PackRefused => "课程包没有安装", "The pack was not installed";
    PackWarnings => "提示：", "Warnings:";
    ReportClose => "关闭", "Close";
    DropToInstall => "松开鼠标：课程包将被安装，题库将被导入", "Drop: a lesson pack is installed, a question bank imported";
    ImportBank => "从题库导入…", "Import a question bank…";
    ImportTitle => "从题库导入课程包", "Import a question bank as a pack";
    ImportHelp => "支持 Excel 另存的 CSV（UTF-8 或 GBK 均可）和 Moodle GIFT 文本。CSV 第一行是表头：题型、题干、选项A…选项F、答案、解析、章节。题型写单选、多选、判断或简答；答案写 B、ACD、对或错。", "Accepts CSV saved from Excel (UTF-8 or GBK) and Moodle GIFT text. The CSV's first row is the header: type, stem, A…F, answer, explanation, chapter. Types are single, multiple, true_false or short_answer; answers look like B, ACD, 对 or 错.";
    ImportDropHint => "也可以把题库文件直接拖到窗口里。", "You can also drop the file onto the window.";
    ChooseBankFile => "选择题库文件…", "Choose a question bank file…";
    BankFileFilter => "题库（CSV 或 GIFT）", "Question bank (CSV or GIFT)";
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
    ExportFailed => "成绩导出失败：", "Export failed: ";
    AttemptCount => "条作答记录", "attempts";
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
    fn language_codes_parse() {
        assert_eq!(Lang::parse("zh_CN.UTF-8"), Some(Lang::Zh));
        assert_eq!(Lang::parse("en-GB"), Some(Lang::En));
        assert_eq!(Lang::parse("fr"), None);
    }
}
