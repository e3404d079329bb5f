//! The JSONL loads into PostgreSQL `jsonb` with the documented `\copy` and
//! views (tests/loads/postgres.sql): every record, every figure and entity,
//! the exact sum of the values; 0.5 after 30,000 whole numbers, a file
//! with only empty arrays and a 50 MB record load too.
//!
//! The test starts its own server (initdb in a temporary folder, 127.0.0.1
//! on a free port) and stops it afterwards. PostgreSQL refuses to run as
//! root, so as root the server runs as the `postgres` user. Skipped,
//! visibly, when the server binaries are absent.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::loads::{fixtures, run_script};
use common::{root, skip};

const TEST: &str = "jsonl_loads_into_postgres";

/// The folder of `initdb`, `pg_ctl` and `postgres`: Debian keeps them in
/// /usr/lib/postgresql/VERSION/bin, off the PATH.
fn server_bin() -> Option<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path().join("bin"))
        .filter(|d| d.join("pg_ctl").exists())
        .collect();
    dirs.sort();
    dirs.pop().or_else(|| {
        let out = Command::new("pg_config").arg("--bindir").output().ok()?;
        let dir = PathBuf::from(String::from_utf8(out.stdout).ok()?.trim());
        dir.join("pg_ctl").exists().then_some(dir)
    })
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.starts_with(b"0\n"))
}

/// A server in its own folder, stopped and removed when dropped.
struct Server {
    bin: PathBuf,
    data: tempfile::TempDir,
    port: u16,
    root: bool,
}

impl Server {
    fn start(bin: PathBuf) -> Server {
        let root = is_root();
        let data = tempfile::Builder::new()
            .prefix("newsx-pg")
            .tempdir()
            .unwrap();
        if root {
            let status = Command::new("chown")
                .args(["postgres:postgres"])
                .arg(data.path())
                .status()
                .unwrap();
            assert!(status.success(), "chown {}", data.path().display());
        }
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let server = Server {
            bin,
            data,
            port,
            root,
        };
        let pgdata = server.data.path().join("db");
        server.run(
            "initdb",
            &["-A", "trust", "-U", "postgres", "-E", "UTF8", "-D"],
            &pgdata,
        );
        let options = format!(
            "-p {port} -c listen_addresses=127.0.0.1 -k {} -c fsync=off",
            server.data.path().display()
        );
        let log = server.data.path().join("log");
        server.run(
            "pg_ctl",
            &[
                "-w",
                "-o",
                &options,
                "-l",
                log.to_str().unwrap(),
                "start",
                "-D",
            ],
            &pgdata,
        );
        server
    }

    /// Runs `BIN/program args dir` (as `postgres` when root).
    fn run(&self, program: &str, args: &[&str], dir: &Path) {
        let program = self.bin.join(program);
        let mut command = if self.root {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(&program);
            c
        } else {
            Command::new(&program)
        };
        let out = command.args(args).arg(dir).output().unwrap();
        assert!(
            out.status.success(),
            "{} failed: {}{}",
            program.display(),
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// Runs psql with `args` against the server's `postgres` database.
    fn psql(&self, args: &[&str]) -> String {
        let port = self.port.to_string();
        let mut all = vec!["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1"];
        all.extend([
            "-h",
            "127.0.0.1",
            "-p",
            &port,
            "-U",
            "postgres",
            "-d",
            "postgres",
        ]);
        all.extend(args);
        let psql = self.bin.join("psql");
        run_script(TEST, psql.to_str().unwrap(), &all).expect("psql runs")
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let pgdata = self.data.path().join("db");
        let program = self.bin.join("pg_ctl");
        let mut command = if self.root {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(&program);
            c
        } else {
            Command::new(&program)
        };
        let _ = command
            .args(["-m", "fast", "-w", "stop", "-D"])
            .arg(pgdata)
            .output();
    }
}

#[test]
fn jsonl_loads_into_postgres() {
    let Some(bin) = server_bin() else {
        skip(
            TEST,
            "PostgreSQL's server binaries (pg_ctl) are not installed",
        );
        return;
    };
    if !bin.join("psql").exists() {
        skip(TEST, "psql is not installed");
        return;
    }
    let fixtures = fixtures();
    let server = Server::start(bin);
    let schema = root().join("tests/loads/postgres.sql");
    let report = root().join("tests/loads/postgres_report.sql");
    server.psql(&["-f", schema.to_str().unwrap()]);
    for f in &fixtures {
        let copy = format!(
            "\\copy records (doc) FROM '{}' WITH (FORMAT csv, QUOTE E'\\x01', DELIMITER E'\\x02')",
            f.jsonl.display()
        );
        server.psql(&["-c", "TRUNCATE records RESTART IDENTITY", "-c", &copy]);
        let got = server.psql(&["-f", report.to_str().unwrap()]);
        let got: serde_json::Value = serde_json::from_str(got.trim()).unwrap();
        f.expected.check(&got, &format!("PostgreSQL {}", f.name));
        if f.name == "half" {
            // The view keeps values exact: 0.5 is the numeric 0.5.
            let last = "SELECT value::text FROM figures \
                WHERE line = (SELECT max(line) FROM records)";
            assert_eq!(server.psql(&["-c", last]).trim(), "0.5");
        }
    }
    common::loads::sanity(&fixtures);
}
