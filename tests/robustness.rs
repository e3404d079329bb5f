//! End-to-end tests, on the real binary, of inputs and runs that used to
//! lose data, damage files or hang: stray bytes, copyright marks inside
//! sentences, NULs and UTF-16 without a BOM, outputs that are links or
//! devices, signals, pathological shapes, and the smaller edges of a run.

mod common;

use std::fs;
use std::path::Path;

use common::{newsx, records};
use serde_json::Value;

fn temp() -> tempfile::TempDir {
    tempfile::tempdir().expect("a temporary folder")
}

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    fs::write(dir.join(name), bytes).unwrap();
}

/// The one record of `newsx extract -q NAME` in `dir`, and the exit code.
fn one(dir: &Path, name: &str) -> (Value, Option<i32>) {
    let out = newsx(dir, &["extract", "-q", name], b"");
    let recs = records(&out);
    assert_eq!(recs.len(), 1, "one record for {name}");
    (recs[0].clone(), out.status.code())
}

#[test]
fn a_stray_byte_in_a_utf8_article_is_mended_and_counted() {
    let dir = temp();
    let s =
        "Société Générale’s chief, Frédéric Oudéa, earned €2.5bn in Zürich. ";
    let mut raw = s.repeat(20).into_bytes();
    raw.extend_from_slice(b"\x92\n");
    raw.extend_from_slice(s.repeat(20).as_bytes());
    write(dir.path(), "s.txt", &raw);
    let (rec, code) = one(dir.path(), "s.txt");
    assert_eq!(code, Some(0));
    assert_eq!(rec["stats"]["encoding"], "utf-8");
    assert_eq!(rec["stats"]["invalid_bytes"], 1);
    let text = rec["text"].as_str().unwrap();
    assert!(text.starts_with(s.trim_end()), "{text}");
    assert!(text.contains("Zürich. ’"), "the byte reads as ’: {text}");
    assert!(!text.contains("Ã"), "no mojibake: {text}");
    assert!(rec["removed"].as_array().unwrap().is_empty(), "{rec}");
    assert_eq!(rec["figures"].as_array().unwrap().len(), 40);
    // Clean UTF-8 says nothing about invalid bytes.
    write(dir.path(), "ok.txt", s.as_bytes());
    let (rec, _) = one(dir.path(), "ok.txt");
    assert!(rec["stats"].get("invalid_bytes").is_none(), "{rec}");
}

#[test]
fn a_few_high_bytes_in_english_are_not_cyrillic() {
    let dir = temp();
    write(
        dir.path(),
        "a.txt",
        b"Plain text \xff\xfe\xc3( and more text here about the markets today.\n",
    );
    let (rec, code) = one(dir.path(), "a.txt");
    assert_eq!(code, Some(0));
    assert_eq!(rec["stats"]["encoding"], "windows-1252");
    assert!(rec["text"].as_str().unwrap().contains("ÿþÃ("), "{rec}");
}

#[test]
fn a_copyright_mark_inside_a_sentence_keeps_the_sentence() {
    let dir = temp();
    let sentence = "The Red Cross, a 501(c)(3) nonprofit based in Washington, \
said on Tuesday it had raised $2.3bn from 1.2 million donors.";
    let footer = "© 2024 Example Media. All rights reserved.";
    write(
        dir.path(),
        "c.txt",
        format!("{sentence}\n\n{footer}\n").as_bytes(),
    );
    let (rec, code) = one(dir.path(), "c.txt");
    assert_eq!(code, Some(0));
    assert_eq!(rec["text"], sentence);
    assert_eq!(rec["removed"][0]["text"], footer);
    assert_eq!(rec["removed"][0]["reason"], "legal");
    let values: Vec<String> = rec["figures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["value"].to_string())
        .collect();
    assert_eq!(values, ["2300000000", "1200000"], "{rec}");
}

#[test]
fn nuls_in_text_and_utf16_without_a_bom_are_text() {
    let dir = temp();
    write(
        dir.path(),
        "n.txt",
        b"Prices rose 5%\0 on Monday,\0 officials said.\n",
    );
    let (rec, code) = one(dir.path(), "n.txt");
    assert_eq!(code, Some(0), "{rec}");
    assert_eq!(rec["text"], "Prices rose 5% on Monday, officials said.");
    let text = "Grüße aus Köln: prices rose 5% on Monday.\n";
    let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    write(dir.path(), "le.txt", &le);
    write(dir.path(), "be.txt", &be);
    for (name, encoding) in [("le.txt", "utf-16le"), ("be.txt", "utf-16be")] {
        let (rec, code) = one(dir.path(), name);
        assert_eq!(code, Some(0), "{rec}");
        assert_eq!(rec["stats"]["encoding"], encoding);
        assert_eq!(rec["text"], text.trim_end());
    }
    // Binary data is still binary.
    write(
        dir.path(),
        "b.bin",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
    );
    let (rec, code) = one(dir.path(), "b.bin");
    assert_eq!(code, Some(1));
    assert_eq!(rec["error"]["kind"], "binary");
}

fn text_of(path: &Path) -> String {
    fs::read_to_string(path).unwrap()
}

/// Names in `dir` that look like temporary outputs.
fn temporaries(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".newsx-"))
        .collect()
}

const GOOD: &str = "Ministers meet in Moscow\n\nMore than 3,600 sanctions \
were imposed on Iran, officials said on Monday.\n";

#[test]
fn output_through_a_symlink_updates_the_target_and_keeps_the_link() {
    let dir = temp();
    let d = dir.path();
    write(d, "doc.txt", GOOD.as_bytes());
    fs::create_dir(d.join("real")).unwrap();
    write(d, "real/r.jsonl", b"stale\n");
    std::os::unix::fs::symlink("real/r.jsonl", d.join("link.jsonl")).unwrap();
    // A link to a link, and a dangling link whose target is created.
    std::os::unix::fs::symlink("link.jsonl", d.join("link2.jsonl")).unwrap();
    std::os::unix::fs::symlink("real/new.jsonl", d.join("dangling.jsonl"))
        .unwrap();
    for link in ["link.jsonl", "link2.jsonl", "dangling.jsonl"] {
        let out = newsx(d, &["extract", "-q", "-o", link, "doc.txt"], b"");
        assert_eq!(out.status.code(), Some(0), "{link}");
        let meta = fs::symlink_metadata(d.join(link)).unwrap();
        assert!(meta.file_type().is_symlink(), "{link} is still a link");
    }
    assert!(text_of(&d.join("real/r.jsonl")).contains("3,600 sanctions"));
    assert!(text_of(&d.join("real/new.jsonl")).contains("3,600 sanctions"));
    assert!(
        temporaries(d).is_empty() && temporaries(&d.join("real")).is_empty()
    );
}

#[test]
fn output_to_a_fifo_a_device_or_stdout_is_written_through() {
    let dir = temp();
    let d = dir.path();
    write(d, "doc.txt", GOOD.as_bytes());
    // A FIFO: a reader gets the records, and the FIFO stays a FIFO.
    let made = std::process::Command::new("mkfifo")
        .arg(d.join("fifo"))
        .status()
        .is_ok_and(|s| s.success());
    if made {
        let fifo = d.join("fifo");
        let reader = std::thread::spawn(move || fs::read_to_string(fifo));
        let out = newsx(d, &["extract", "-q", "-o", "fifo", "doc.txt"], b"");
        assert_eq!(out.status.code(), Some(0));
        let got = reader.join().unwrap().unwrap();
        assert!(got.contains("3,600 sanctions"), "{got}");
        use std::os::unix::fs::FileTypeExt;
        let kind = fs::symlink_metadata(d.join("fifo")).unwrap().file_type();
        assert!(kind.is_fifo(), "the FIFO is not replaced");
    } else {
        common::skip("fifo output", "mkfifo is not available");
    }
    // A character device made here (needs root), and /dev/null itself.
    let made = std::process::Command::new("mknod")
        .args(["-m", "666"])
        .arg(d.join("null"))
        .args(["c", "1", "3"])
        .output()
        .is_ok_and(|o| o.status.success());
    if made {
        let out = newsx(d, &["extract", "-q", "-o", "null", "doc.txt"], b"");
        assert_eq!(out.status.code(), Some(0));
        use std::os::unix::fs::FileTypeExt;
        let kind = fs::symlink_metadata(d.join("null")).unwrap().file_type();
        assert!(kind.is_char_device(), "the device node is not replaced");
    } else {
        common::skip("device output", "mknod needs root");
    }
    let out = newsx(d, &["extract", "-q", "-o", "/dev/null", "doc.txt"], b"");
    assert_eq!(out.status.code(), Some(0));
    assert!(temporaries(Path::new("/dev")).is_empty());
    // `-` and /dev/stdout are standard output.
    for target in ["-", "/dev/stdout"] {
        let out = newsx(d, &["extract", "-q", "-o", target, "doc.txt"], b"");
        assert_eq!(out.status.code(), Some(0), "{target}");
        assert_eq!(records(&out).len(), 1, "{target}");
        assert!(!d.join("-").exists());
    }
    assert!(temporaries(d).is_empty());
}

/// `n` documents of about 6 KB each under `dir/docs`.
fn many_documents(dir: &Path, n: usize) {
    let seeds: Vec<String> = fs::read_dir(common::root().join("corpus"))
        .unwrap()
        .map(|e| fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    fs::create_dir_all(dir.join("docs")).unwrap();
    for i in 0..n {
        let text = format!(
            "{}\n\nDoc {i} says {i} ministers met.",
            seeds[i % seeds.len()]
        );
        write(dir, &format!("docs/{i:05}.txt"), text.repeat(3).as_bytes());
    }
}

/// Starts a long run writing `out/r.jsonl`, sends `signal` once its
/// temporary file exists, and returns the exit code.
fn interrupted(dir: &Path, signal: &str) -> Option<i32> {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_newsx"))
        .args(["extract", "-q", "-j", "1", "-o", "out/r.jsonl", "docs"])
        .current_dir(dir)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let deadline =
        std::time::Instant::now() + std::time::Duration::from_secs(60);
    while temporaries(&dir.join("out")).is_empty() {
        assert!(std::time::Instant::now() < deadline, "no temporary file");
        assert!(child.try_wait().unwrap().is_none(), "the run ended early");
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let sent = std::process::Command::new("kill")
        .args([signal, &child.id().to_string()])
        .status()
        .unwrap();
    assert!(sent.success());
    child.wait().unwrap().code()
}

#[test]
fn sigint_and_sigterm_remove_the_temporary_file_and_exit_130_143() {
    let dir = temp();
    let d = dir.path();
    many_documents(d, 1000);
    fs::create_dir(d.join("out")).unwrap();
    write(d, "out/r.jsonl", b"the previous run\n");
    for (signal, code) in [("-INT", 130), ("-TERM", 143)] {
        assert_eq!(interrupted(d, signal), Some(code), "{signal}");
        assert!(temporaries(&d.join("out")).is_empty(), "{signal}");
        assert_eq!(text_of(&d.join("out/r.jsonl")), "the previous run\n");
    }
}

#[test]
fn after_kill_9_the_next_run_removes_the_temporary_file() {
    let dir = temp();
    let d = dir.path();
    many_documents(d, 400);
    fs::create_dir(d.join("out")).unwrap();
    assert_eq!(interrupted(d, "-KILL"), None, "killed outright");
    assert_eq!(temporaries(&d.join("out")).len(), 1, "kill -9 leaves it");
    write(d, "doc.txt", GOOD.as_bytes());
    let out = newsx(d, &["extract", "-q", "-o", "out/r.jsonl", "doc.txt"], b"");
    assert_eq!(out.status.code(), Some(0));
    assert!(
        temporaries(&d.join("out")).is_empty(),
        "the next run removes it"
    );
    assert!(text_of(&d.join("out/r.jsonl")).contains("3,600 sanctions"));
}

#[test]
fn a_temporary_file_left_by_a_killed_run_goes_on_the_next_run() {
    let dir = temp();
    let d = dir.path();
    write(d, "doc.txt", GOOD.as_bytes());
    // A process id that was alive a moment ago and is gone now.
    let mut gone = std::process::Command::new("true").spawn().unwrap();
    gone.wait().unwrap();
    let dead = gone.id();
    let alive = std::process::id();
    let stale = format!(".newsx-r.jsonl.{dead}.Ab12Cd.tmp");
    let running = format!(".newsx-r.jsonl.{alive}.Ef34Gh.tmp");
    let other = format!(".newsx-other.jsonl.{dead}.Ij56Kl.tmp");
    for name in [&stale, &running, &other] {
        write(d, name, b"partial");
    }
    let out = newsx(d, &["extract", "-q", "-o", "r.jsonl", "doc.txt"], b"");
    assert_eq!(out.status.code(), Some(0));
    let mut left = temporaries(d);
    left.sort();
    let mut want = vec![running, other];
    want.sort();
    assert_eq!(left, want, "only the dead run's file for r.jsonl goes");
}

#[test]
fn no_document_found_empties_the_output_and_exits_1() {
    let dir = temp();
    let d = dir.path();
    fs::create_dir(d.join("empty")).unwrap();
    write(d, "r.jsonl", b"{\"stale\": true}\n");
    let out = newsx(d, &["extract", "-q", "-o", "r.jsonl", "empty"], b"");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(text_of(&d.join("r.jsonl")), "", "no stale records remain");
    assert!(temporaries(d).is_empty());
}

#[test]
fn thousands_of_threads_on_three_documents_are_capped() {
    let dir = temp();
    let d = dir.path();
    for i in 0..3 {
        write(d, &format!("{i}.txt"), GOOD.as_bytes());
    }
    let one = newsx(d, &["extract", "-q", "-j", "1", "."], b"");
    let many = newsx(d, &["extract", "-q", "-j", "5000", "."], b"");
    assert_eq!(many.status.code(), Some(0));
    assert_eq!(records(&many).len(), 3);
    assert!(one.stdout == many.stdout, "-j 1 and -j 5000 differ");
}

#[test]
fn dollar_takes_only_iso_4217_codes() {
    let dir = temp();
    write(dir.path(), "d.txt", b"The deal was worth $5 million.\n");
    let out = newsx(dir.path(), &["extract", "--dollar", "XYZ", "d.txt"], b"");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("ISO 4217"), "{stderr}");
    let out = newsx(
        dir.path(),
        &["extract", "-q", "--dollar", "aud", "d.txt"],
        b"",
    );
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(records(&out)[0]["figures"][0]["currency"], "AUD");
}

#[test]
fn names_that_differ_only_in_non_utf8_bytes_keep_distinct_paths() {
    use std::os::unix::ffi::OsStrExt;
    let dir = temp();
    let d = dir.path();
    fs::create_dir(d.join("docs")).unwrap();
    for name in [&b"caf\xe9.txt"[..], b"caf\xe8.txt", b"caf\\xE9.txt"] {
        let path = d.join("docs").join(std::ffi::OsStr::from_bytes(name));
        fs::write(path, GOOD).unwrap();
    }
    let out = newsx(d, &["extract", "-q", "docs"], b"");
    assert_eq!(out.status.code(), Some(0));
    let paths: Vec<String> = records(&out)
        .iter()
        .map(|r| r["path"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        paths,
        [
            "docs/caf\\\\xE9.txt",
            "docs/caf\\xE8.txt",
            "docs/caf\\xE9.txt"
        ]
    );
}

#[test]
fn a_skipped_test_says_so_where_a_person_sees_it() {
    if std::env::var_os("NEWSX_SKIP_PROBE").is_some() {
        // The child run: nothing is beside the checkout under this name.
        assert!(common::shared("no-such-folder", "probe").is_none());
        return;
    }
    // Run this test again as the harness runs it (output captured) with
    // ../shared pointed at an empty folder: the skip line still shows.
    let dir = temp();
    let out = std::process::Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "a_skipped_test_says_so_where_a_person_sees_it"])
        .env("NEWSX_SKIP_PROBE", "1")
        .env("NEWSX_SHARED", dir.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("SKIPPED probe:"), "{stderr}");
    assert!(stderr.contains("no-such-folder is absent"), "{stderr}");
}

/// Runs `newsx extract -q -o /dev/null FILE` in `dir` and returns its peak
/// resident memory in bytes, from the kernel's accounting of the child.
// The child is reaped by wait4, which also reports its peak memory.
#[allow(clippy::zombie_processes)]
fn peak_memory(dir: &Path, file: &str) -> u64 {
    let child = std::process::Command::new(env!("CARGO_BIN_EXE_newsx"))
        .args(["extract", "-q", "-o", "/dev/null", file])
        .current_dir(dir)
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut status = 0;
    // SAFETY: a zeroed rusage is a valid value for wait4 to fill in.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: the pid is our own child, not yet waited for; both pointers
    // are to live locals.
    let pid =
        unsafe { libc::wait4(child.id() as i32, &mut status, 0, &mut usage) };
    assert_eq!(pid, child.id() as i32, "wait4 reaps the child");
    usage.ru_maxrss as u64 * 1024
}

#[test]
fn peak_memory_is_a_small_multiple_of_the_largest_document() {
    let dir = temp();
    let d = dir.path();
    // One figure every 22 bytes, 1.5 MiB: the densest shape the record has.
    let unit = "The company paid $1.5bn for 3,600 shares, up 5% from 2 \
million last year, and Apple spent €300m on 12 plants. ";
    let size = 3 << 19;
    write(d, "dense.txt", unit.repeat(size / unit.len()).as_bytes());
    write(d, "tiny.txt", GOOD.as_bytes());
    let base = peak_memory(d, "tiny.txt");
    let dense = peak_memory(d, "dense.txt");
    let multiple = (dense.saturating_sub(base)) as f64 / size as f64;
    println!(
        "peak {dense} bytes, {base} at start: {multiple:.1}x the document"
    );
    assert!(multiple < 20.0, "{multiple:.1}x the document");
}

#[test]
fn a_large_document_among_small_ones_keeps_input_order_for_any_j() {
    let dir = temp();
    let d = dir.path();
    fs::create_dir(d.join("docs")).unwrap();
    for i in 0..20 {
        write(d, &format!("docs/{i:02}.txt"), GOOD.as_bytes());
    }
    // Over the size that is analysed alone and streamed, in the middle.
    let big = GOOD.repeat((1 << 20) / GOOD.len() + 1);
    write(d, "docs/10b.txt", big.as_bytes());
    let one = newsx(d, &["extract", "-q", "-j", "1", "docs"], b"");
    let two = newsx(
        d,
        &["extract", "-q", "-j", "2", "-o", "r.jsonl", "docs"],
        b"",
    );
    assert_eq!(one.status.code(), Some(0));
    assert_eq!(two.status.code(), Some(0));
    assert!(
        one.stdout == fs::read(d.join("r.jsonl")).unwrap(),
        "-j 1 and -j 2 differ"
    );
    let paths: Vec<String> = records(&one)
        .iter()
        .map(|r| r["path"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(paths.len(), 21);
    assert_eq!(paths[11], "docs/10b.txt");
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted, "input order");
}

#[test]
fn the_issues_pathological_document_does_not_hang() {
    // "Ministry Russia" 100,000 times (1.6 MB): quadratic work made this
    // run for minutes. The deadline only guards against a hang; the work
    // itself is counted in tests/linear.rs.
    let dir = temp();
    let d = dir.path();
    write(
        d,
        "m.txt",
        ["Ministry Russia"; 100_000].join(" ").as_bytes(),
    );
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_newsx"))
        .args(["extract", "-q", "-o", "r.jsonl", "m.txt"])
        .current_dir(d)
        .spawn()
        .unwrap();
    let deadline =
        std::time::Instant::now() + std::time::Duration::from_secs(300);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!("still running after 300 s");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    assert_eq!(status.code(), Some(0));
    let rec: Value =
        serde_json::from_str(&text_of(&d.join("r.jsonl"))).unwrap();
    assert_eq!(rec["stats"]["words"], 200_000);
    assert!(!rec["entities"].as_array().unwrap().is_empty());
}
