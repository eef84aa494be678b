//! Pictures off the key path: one worker thread finds, decodes and fits each picture the
//! reader asks for, sending it back as a message. Decoded pixels are kept for the last few
//! files, so a new pane size only fits them again.

use crate::app::msg::Fit;
use crate::app::{Effect, Msg};
use crate::library::Problem;
use crate::picture::{self, Picture, Roots};
use image::DynamicImage;
use ratatui_image::picker::Picker;
use std::path::PathBuf;
use std::sync::mpsc::{self, Sender};

/// How many decoded pictures the worker keeps.
const KEEP_DECODED: usize = 8;

/// One picture to prepare.
struct Job {
    article: usize,
    path: PathBuf,
    n: u32,
    src: String,
    fit: Fit,
}

/// The worker's end in the event loop: jobs go in, [`Msg::Picture`]s come back through
/// `send`. Dropping it ends the worker.
pub struct Painter {
    jobs: Sender<Job>,
}

impl Painter {
    pub fn spawn(
        picker: Picker,
        roots: Roots,
        send: impl Fn(Msg) -> bool + Send + 'static,
    ) -> Painter {
        let (jobs, rx) = mpsc::channel::<Job>();
        std::thread::spawn(move || {
            let mut decoded: Vec<(PathBuf, Result<DynamicImage, String>)> = Vec::new();
            for job in rx {
                let picture = prepare(&picker, &roots, &job, &mut decoded);
                let msg = Msg::Picture {
                    article: job.article,
                    n: job.n,
                    fit: job.fit,
                    picture,
                };
                if !send(msg) {
                    return;
                }
            }
        });
        Painter { jobs }
    }

    /// Hands an [`Effect::LoadPicture`] to the worker; any other effect is not its business.
    pub fn ask(&self, effect: Effect) {
        if let Effect::LoadPicture {
            article,
            path,
            n,
            src,
            fit,
        } = effect
        {
            let _ = self.jobs.send(Job {
                article,
                path,
                n,
                src,
                fit,
            });
        }
    }
}

/// The picture of `job`, fitted; `Ok(None)` when it is not on disk.
fn prepare(
    picker: &Picker,
    roots: &Roots,
    job: &Job,
    decoded: &mut Vec<(PathBuf, Result<DynamicImage, String>)>,
) -> Result<Option<Picture>, Problem> {
    let Some(file) = picture::resolve(&job.path, &job.src, roots) else {
        return Ok(None);
    };
    let image = match decoded.iter().position(|(p, _)| *p == file) {
        Some(k) => decoded.remove(k).1,
        None => picture::decode(&file),
    };
    decoded.push((file.clone(), image.clone()));
    if decoded.len() > KEEP_DECODED {
        drop(decoded.remove(0));
    }
    let image = image.map_err(|why| Problem::warning(&file, why))?;
    Picture::fit(picker, image, job.fit.0, job.fit.1)
        .map(Some)
        .map_err(|why| Problem::warning(&file, why))
}
