//! The startup baseline: a bare eframe window (same renderer and fonts as the app) showing one
//! line of Chinese. `--exit-after-first-frame` prints the same report as the app.

use std::time::Instant;

fn main() -> eframe::Result {
    let started = Instant::now();
    let exit_after_first_frame = std::env::args().any(|a| a == "--exit-after-first-frame");
    let options = eframe::NativeOptions {
        renderer: eframe::Renderer::Glow,
        viewport: egui::ViewportBuilder::default().with_inner_size([1200.0, 800.0]),
        ..Default::default()
    };
    let mut frames = 0u32;
    eframe::run_ui_native("bare window", options, move |ui, _frame| {
        egui::CentralPanel::default().show(ui, |ui| {
            ui.label("高级客户服务管理师");
        });
        frames += 1;
        if exit_after_first_frame {
            if frames == 1 {
                ui.ctx().request_repaint();
            } else if frames == 2 {
                eprintln!("{}", servicecraft::perf::first_frame_report(started));
                ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
    })
}
