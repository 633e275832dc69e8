//! UI strings: exam readiness, certainty and mistake causes, shuffled options, option controls and the role-play debrief.
//! A part of the one catalog; `i18n/mod.rs` says how the parts join.

macro_rules! strings_readiness {
    ([$next:ident $($more:ident)*] $($done:tt)*) => {
        $next! { [$($more)*] $($done)*
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
            MasteryLegendUntouched => "未练习（框色为按猜测估计的概率）", "Not practised yet (the frame shows the estimate from chance)";
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
    };
}
