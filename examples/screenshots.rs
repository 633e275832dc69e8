//! Takes the README's screenshots from the real app in a real window: every main screen, in
//! Chinese and English, light and dark, with a profile that has two months of history.
//!
//! ```text
//! xvfb-run -a -s "-screen 0 1280x900x24" \
//!     cargo run --release --example screenshots -- docs/screenshots
//! ```
//!
//! With `--first-start zh` (or `en`) it shows a new user's first start instead: the language
//! step, creating a profile and the tour.
//!
//! The app is driven the way a user drives it: commands from its own menus and buttons, and typed
//! text and key presses fed in as window input. Each picture is what the window's renderer drew,
//! read back with egui's screenshot command.

use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender};
use std::time::{Duration, Instant};

use anyhow::Context as _;
use clap::Parser as _;
use egui::{Event, Key, Modifiers};
use servicecraft::app::{AppConfig, ServiceCraftApp, native_options};
use servicecraft::cli::Cli;
use servicecraft::i18n::Lang;
use servicecraft::model::{Block, Pack};
use servicecraft::pack::{builtin_source, load_pack};
use servicecraft::progress::ThemePref;
use servicecraft::progress::export::{export_results, rows_from_profiles};
use servicecraft::progress::sample::write_history;
use servicecraft::ui::quiz::QuizMode;
use servicecraft::ui::{Command, FilesCmd, NavCmd, PrefsCmd, ProfileCmd, StudyCmd};

/// One thing done to reach a screen.
#[derive(Clone, Debug)]
#[expect(clippy::large_enum_variant, reason = "a few dozen steps in all")]
enum Step {
    Apply(Command),
    Type(String),
    Press(Key),
}

struct Shot {
    file: String,
    steps: Vec<Step>,
}

/// Frames drawn and time waited after the steps before the picture is taken: lets layout, images
/// and animated scrolling settle.
const SETTLE_FRAMES: u32 = 12;
const SETTLE_TIME: Duration = Duration::from_millis(800);

/// Frames between two steps.
const STEP_FRAMES: u64 = 3;

/// The first picture also waits for the system's Chinese font, loaded on a background thread.
const FIRST_SHOT_AFTER: Duration = Duration::from_secs(3);

enum Phase {
    /// Steps applied; counting frames until the picture, from when the last step was done.
    Settling(u32, Instant),
    /// The screenshot was asked for; waiting for the image.
    Capturing,
}

struct Director {
    app: ServiceCraftApp,
    shots: Vec<Shot>,
    next: usize,
    phase: Phase,
    started: Instant,
    /// What is left to do before the picture.
    steps: VecDeque<Step>,
    frame_count: u64,
    /// Input to hand to the app with the next frame.
    input: Vec<Event>,
    out: PathBuf,
    failed: Option<String>,
    sender: Sender<Arc<egui::ColorImage>>,
    receiver: Receiver<Arc<egui::ColorImage>>,
}

impl Director {
    fn begin_shot(&mut self, ctx: &egui::Context) {
        let Some(shot) = self.shots.get(self.next) else {
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            return;
        };
        self.steps = shot.steps.iter().cloned().collect();
        self.phase = Phase::Settling(0, Instant::now());
    }

    /// Does the next step, as a user would after looking at the screen for a moment: text typed
    /// right after a command lands in the field that command focused.
    fn step(&mut self, ctx: &egui::Context) {
        let Some(step) = self.steps.pop_front() else {
            return;
        };
        match step {
            Step::Apply(command) => self.app.apply(ctx, command),
            Step::Type(text) => self.input.push(Event::Text(text)),
            Step::Press(key) => {
                for pressed in [true, false] {
                    self.input.push(Event::Key {
                        key,
                        physical_key: None,
                        pressed,
                        repeat: false,
                        modifiers: Modifiers::NONE,
                    });
                }
            }
        }
    }

    fn save(&mut self, image: &egui::ColorImage) -> anyhow::Result<()> {
        let Some(shot) = self.shots.get(self.next) else {
            return Ok(());
        };
        let [width, height] = image.size;
        let pixels: Vec<u8> = image.pixels.iter().flat_map(|c| c.to_array()).collect();
        let picture = image::RgbaImage::from_raw(width as u32, height as u32, pixels)
            .context("screenshot of the wrong size")?;
        let path = self.out.join(&shot.file);
        image::DynamicImage::ImageRgba8(picture)
            .to_rgb8()
            .save(&path)
            .with_context(|| format!("cannot write {}", path.display()))?;
        println!("{}", path.display());
        Ok(())
    }
}

impl eframe::App for Director {
    fn raw_input_hook(&mut self, _ctx: &egui::Context, raw_input: &mut egui::RawInput) {
        raw_input.events.append(&mut self.input);
    }

    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        self.app.ui(ui, frame);
        match self.phase {
            // Nothing is done until the profile, read in the background, is open.
            Phase::Settling(..) if self.app.is_opening_profile() => {}
            Phase::Settling(..) if !self.steps.is_empty() => {
                if self.frame_count.is_multiple_of(STEP_FRAMES) {
                    self.step(&ctx);
                    self.phase = Phase::Settling(0, Instant::now());
                }
            }
            Phase::Settling(frames, since) => {
                let waited = since.elapsed() >= SETTLE_TIME
                    && (self.next > 0 || self.started.elapsed() >= FIRST_SHOT_AFTER);
                if frames >= SETTLE_FRAMES && waited {
                    let sender = self.sender.clone();
                    let waker = ctx.clone();
                    ctx.request_screenshot(move |image| {
                        // The receiver lives as long as the window; nothing to do if it is gone.
                        let _ = sender.send(image);
                        waker.request_repaint();
                    });
                    self.phase = Phase::Capturing;
                } else {
                    self.phase = Phase::Settling(frames + 1, since);
                }
            }
            Phase::Capturing => {
                if let Ok(image) = self.receiver.try_recv() {
                    if let Err(err) = self.save(&image) {
                        self.failed = Some(format!("{err:#}"));
                        ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                    }
                    self.next += 1;
                    self.begin_shot(&ctx);
                }
            }
        }
        self.frame_count += 1;
        ctx.request_repaint();
    }

    fn on_exit(&mut self, gl: Option<&eframe::glow::Context>) {
        self.app.on_exit(gl);
        if let Some(err) = &self.failed {
            eprintln!("error: {err}");
        }
    }
}

/// The screens to show, each reached from the home screen; `class` is a folder of trainees'
/// results files for the class report.
fn screens(pack: &Pack, class: &Path) -> anyhow::Result<Vec<(&'static str, Vec<Step>)>> {
    // A lesson with a mnemonic, which shows most kinds of block.
    let (lesson, lesson_id) = pack
        .lessons()
        .find(|(_, l)| l.blocks.iter().any(|b| matches!(b, Block::Mnemonic { .. })))
        .map(|(at, l)| (at, l.id.clone()))
        .context("no lesson with a mnemonic")?;
    let chapter = pack.chapters.first().context("no chapter")?;
    let questions: Vec<String> = chapter.questions.iter().map(|q| q.id.clone()).collect();
    let swot = pack
        .chapters
        .iter()
        .find_map(|c| c.swot.first())
        .context("no SWOT case")?;
    let roleplay = pack
        .chapters
        .iter()
        .find_map(|c| c.roleplays.first())
        .context("no role-play")?;
    let of_kind = |want: fn(&servicecraft::model::QuestionKind) -> bool| {
        chapter
            .questions
            .iter()
            .find(|q| want(&q.kind))
            .map(|q| vec![q.id.clone()])
            .context("no question of a kind")
    };
    let multiple = of_kind(|k| matches!(k, servicecraft::model::QuestionKind::Multiple { .. }))?;
    let judge = of_kind(|k| matches!(k, servicecraft::model::QuestionKind::TrueFalse { .. }))?;
    let exam = pack
        .manifest
        .mock_exams
        .first()
        .context("no mock exam")?
        .clone();
    Ok(vec![
        (
            "home",
            vec![
                // An exam date six weeks on, so today's plan has lessons to cover.
                Step::Apply(Command::Profile(ProfileCmd::SetExamDate(Some(
                    (chrono::Utc::now() + chrono::Duration::days(42)).date_naive(),
                )))),
                Step::Apply(Command::Nav(NavCmd::ShowHome)),
            ],
        ),
        (
            "mistakes",
            vec![Step::Apply(Command::Nav(NavCmd::ShowMistakes))],
        ),
        (
            "lesson",
            vec![
                Step::Apply(Command::Study(StudyCmd::EditNote {
                    id: lesson_id,
                    text: "六步顺序：战略 → 变化 → 能力 → 打分 → 定位 → 分析。\n\
                           案例题先写第 1 步，别直接跳到策略。"
                        .into(),
                })),
                Step::Apply(Command::Nav(NavCmd::ShowLesson(lesson))),
            ],
        ),
        (
            "quiz",
            vec![
                Step::Apply(Command::Nav(NavCmd::StartQuiz {
                    title: chapter.title.clone(),
                    mode: QuizMode::Practice,
                    items: questions.clone(),
                })),
                Step::Press(Key::Num2),
                Step::Press(Key::Enter),
            ],
        ),
        // Checkboxes for 多选, marked after an answer with the right and the wrong picks.
        (
            "quiz-multiple",
            vec![
                Step::Apply(Command::Nav(NavCmd::StartQuiz {
                    title: chapter.title.clone(),
                    mode: QuizMode::Practice,
                    items: multiple,
                })),
                Step::Press(Key::Num1),
                Step::Press(Key::Num2),
                Step::Press(Key::Enter),
            ],
        ),
        // ✔ 对 / ✖ 错 buttons for 判断.
        (
            "quiz-judge",
            vec![
                Step::Apply(Command::Nav(NavCmd::StartQuiz {
                    title: chapter.title.clone(),
                    mode: QuizMode::Practice,
                    items: judge,
                })),
                Step::Press(Key::Num2),
                Step::Press(Key::Enter),
            ],
        ),
        // The start screen: sections, points, time and pass mark before the clock runs.
        (
            "exam",
            vec![Step::Apply(Command::Nav(NavCmd::StartExam(exam)))],
        ),
        // A three-question round answered 2, 2, 2: its result screen.
        (
            "quiz-result",
            vec![
                Step::Apply(Command::Nav(NavCmd::StartQuiz {
                    title: chapter.title.clone(),
                    mode: QuizMode::Practice,
                    items: questions.iter().take(3).cloned().collect(),
                })),
                Step::Press(Key::Num2),
                Step::Press(Key::Enter),
                Step::Press(Key::Enter),
                Step::Press(Key::Num2),
                Step::Press(Key::Enter),
                Step::Press(Key::Enter),
                Step::Press(Key::Num2),
                Step::Press(Key::Enter),
                Step::Press(Key::Enter),
            ],
        ),
        (
            "swot",
            vec![Step::Apply(Command::Nav(NavCmd::ShowItem(swot.id.clone())))],
        ),
        (
            "pdca",
            vec![Step::Apply(Command::Nav(NavCmd::ShowPdcaDiagram))],
        ),
        (
            "roleplay",
            vec![Step::Apply(Command::Nav(NavCmd::ShowItem(
                roleplay.id.clone(),
            )))],
        ),
        // The debrief after a play-through that always takes the first reply shown.
        (
            "roleplay-debrief",
            std::iter::once(Step::Apply(Command::Nav(NavCmd::ShowItem(
                roleplay.id.clone(),
            ))))
            .chain(std::iter::repeat_n(Step::Press(Key::Num1), 16))
            .collect(),
        ),
        (
            "practice",
            vec![Step::Apply(Command::Nav(NavCmd::ShowPractice))],
        ),
        (
            "search",
            vec![
                Step::Apply(Command::Nav(NavCmd::ShowSearch)),
                Step::Type("投诉 处理".into()),
            ],
        ),
        // The first lesson found, opened at the paragraph that matched.
        (
            "search-opened",
            vec![
                Step::Apply(Command::Nav(NavCmd::ShowSearch)),
                // Found far down a lesson on coaching (辅导手册).
                Step::Type("目视化".into()),
                Step::Press(Key::Enter),
                Step::Press(Key::Enter),
            ],
        ),
        (
            "class-report",
            vec![
                Step::Apply(Command::Nav(NavCmd::ShowClassReport)),
                Step::Apply(Command::Files(FilesCmd::AddClassSources(vec![
                    class.to_path_buf(),
                ]))),
            ],
        ),
    ])
}

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let out = PathBuf::from(args.first().map_or("docs/screenshots", String::as_str));
    std::fs::create_dir_all(&out).with_context(|| format!("cannot create {}", out.display()))?;
    let data = tempfile::tempdir()?;
    if let Some(lang) = args
        .iter()
        .position(|a| a == "--first-start")
        .map(|i| args.get(i + 1))
    {
        let lang = lang
            .and_then(|l| Lang::parse(l))
            .context("--first-start takes zh or en")?;
        return run(data.path(), &out, first_start_shots(lang), true);
    }
    let pack = load_pack(&builtin_source())
        .pack
        .context("the built-in pack does not load")?;
    write_history(data.path(), "学员", &pack, 60, 25, chrono::Utc::now())?;
    let class = class_exports(data.path(), &pack)?;
    // `--only NAME` takes only the shots whose file starts with NAME.
    let only = args
        .iter()
        .position(|a| a == "--only")
        .and_then(|i| args.get(i + 1))
        .cloned();

    let mut shots = Vec::new();
    for (lang, lang_name) in [(Lang::Zh, "zh"), (Lang::En, "en")] {
        for (theme, theme_name) in [(ThemePref::Light, "light"), (ThemePref::Dark, "dark")] {
            for (i, (screen, steps)) in screens(&pack, &class)?.into_iter().enumerate() {
                let mut all = Vec::new();
                if i == 0 {
                    all.push(Step::Apply(Command::Prefs(PrefsCmd::SetLanguage(lang))));
                    all.push(Step::Apply(Command::Prefs(PrefsCmd::SetTheme(theme))));
                }
                // Every screen starts from home, as a learner coming back to it would.
                all.push(Step::Apply(Command::Nav(NavCmd::ShowHome)));
                all.extend(steps);
                shots.push(Shot {
                    file: format!("{screen}-{lang_name}-{theme_name}.png"),
                    steps: all,
                });
            }
        }
    }
    if let Some(only) = only {
        shots.retain(|shot| shot.file.starts_with(&only));
        // The language and theme are set by each group's first shot: every kept shot sets them.
        for shot in &mut shots {
            let lang = if shot.file.contains("-en-") {
                Lang::En
            } else {
                Lang::Zh
            };
            let theme = if shot.file.contains("-dark") {
                ThemePref::Dark
            } else {
                ThemePref::Light
            };
            shot.steps
                .insert(0, Step::Apply(Command::Prefs(PrefsCmd::SetTheme(theme))));
            shot.steps
                .insert(0, Step::Apply(Command::Prefs(PrefsCmd::SetLanguage(lang))));
        }
    }
    run(data.path(), &out, shots, false)
}

/// Five trainees' results exports, as they would hand them in, for the class report's shot.
fn class_exports(data: &Path, pack: &Pack) -> anyhow::Result<PathBuf> {
    let folder = data.join("class-exports");
    std::fs::create_dir_all(&folder)?;
    let packs = [Arc::new(pack.clone())];
    let now = chrono::Utc::now();
    for (n, (name, days, per_day, idle)) in [
        ("王芳", 20, 12, 0),
        ("李强", 10, 25, 0),
        ("张敏", 5, 40, 0),
        ("刘洋", 12, 8, 10),
        ("陈静", 30, 6, 1),
    ]
    .into_iter()
    .enumerate()
    {
        let trainee = data.join(format!("trainee-{n}"));
        write_history(
            &trainee,
            name,
            pack,
            days,
            per_day,
            now - chrono::Duration::days(idle),
        )?;
        let rows = rows_from_profiles(&trainee, &packs);
        export_results(&rows, &folder.join(format!("{name}.csv")))?;
    }
    Ok(folder)
}

/// A new user's first minute: the language step, creating a profile, the tour's first card.
fn first_start_shots(lang: Lang) -> Vec<Shot> {
    let name = match lang {
        Lang::Zh => "zh",
        Lang::En => "en",
    };
    let shot = |screen: &str, steps: Vec<Step>| Shot {
        file: format!("first-{screen}-{name}.png"),
        steps,
    };
    vec![
        shot(
            "language",
            vec![Step::Apply(Command::Prefs(PrefsCmd::SetLanguage(lang)))],
        ),
        shot(
            "profile",
            vec![Step::Apply(Command::Prefs(PrefsCmd::ConfirmLanguage))],
        ),
        shot(
            "tour",
            vec![Step::Apply(Command::Profile(ProfileCmd::Create {
                name: "小李".into(),
                avatar: None,
            }))],
        ),
    ]
}

/// Runs the app on `data` and takes `shots`; `first_start` shows it as on a new computer,
/// otherwise it opens the profile 学员 at once.
fn run(data: &Path, out: &Path, shots: Vec<Shot>, first_start: bool) -> anyhow::Result<()> {
    let mut args: Vec<&std::ffi::OsStr> = vec![
        "servicecraft".as_ref(),
        "--data-dir".as_ref(),
        data.as_os_str(),
    ];
    if !first_start {
        args.extend::<[&std::ffi::OsStr; 2]>(["--profile".as_ref(), "学员".as_ref()]);
    }
    let cli = Cli::parse_from(args);
    let mut config = AppConfig::from_cli(&cli, Instant::now());
    config.first_start = first_start;
    let mut options = native_options(&config);
    options.persist_window = false;
    options.viewport = options.viewport.with_inner_size([1200.0, 800.0]);
    let out = out.to_path_buf();
    let (sender, receiver) = std::sync::mpsc::channel();
    eframe::run_native(
        "ServiceCraft",
        options,
        Box::new(move |cc| {
            let mut director = Director {
                app: ServiceCraftApp::new(cc, config),
                shots,
                next: 0,
                phase: Phase::Settling(0, Instant::now()),
                started: Instant::now(),
                input: Vec::new(),
                steps: VecDeque::new(),
                frame_count: 0,
                out,
                failed: None,
                sender,
                receiver,
            };
            director.begin_shot(&cc.egui_ctx);
            Ok(Box::new(director))
        }),
    )
    .map_err(|err| anyhow::anyhow!("cannot open the window: {err}"))
}
