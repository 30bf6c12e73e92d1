//! Language-server benchmark (not a timed test; run explicitly):
//!
//!   cargo test --release --test it lsp_perf -- --ignored --nocapture
//!
//! Prints the initial analysis time of the example project, keystroke → published diagnostics
//! latency in a workspace of 10,000 topics (p50/p95 over 300 edits), and resident memory
//! against the workspace's source bytes. The test binary has the allocator and process settings
//! of the `switchboard` binary (see `main.rs`), so the figures are the binary's.

use crate::lsp_support;

use crate::lsp_support::{Client, example_copy, range, temp_project};
use serde_json::json;
use std::time::Instant;

/// Edits timed in the 10,000-topic workspace.
const EDITS: i32 = 300;

fn rss_bytes() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = s.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "benchmark: run with --ignored --nocapture"]
async fn lsp_benchmark() {
    // Initial analysis of the real-size example project.
    let root = example_copy("perf-example");
    let mut c = Client::start();
    let t = Instant::now();
    c.initialize(&root, &["utf-16"], json!(null)).await;
    c.diagnostics_where("topics/payment_plans.yaml", |d| {
        !d.as_array().unwrap().is_empty()
    })
    .await;
    println!(
        "initial analysis + first publish (example project): {:?}",
        t.elapsed()
    );

    // 10,000 topics.
    let handoffs = "handoffs:\n- name: billing\n  description: Billing\n  is_default: true\n  sip_config:\n    method: refer\n    phone_number: '+14155550134'\n";
    let mut files: Vec<(String, String)> = vec![
        ("project.yaml".into(), "name: big\n".into()),
        ("config/handoffs.yaml".into(), handoffs.into()),
    ];
    let n: usize = std::env::var("SWITCHBOARD_BENCH_TOPICS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    for i in 0..n {
        files.push((
            format!("topics/topic_{i}.yaml"),
            format!(
                "name: Topic {i}\nenabled: true\nexample_queries:\n- question {i}\ncontent: |\n  Answer number {i}, costs $85.\nactions: |\n  If needed transfer with {{{{ho:billing}}}}.\n"
            ),
        ));
    }
    let bytes: usize = files.iter().map(|(_, t)| t.len()).sum();
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let big = temp_project("perf-big", &refs);
    let rss0 = rss_bytes();
    let mut c = Client::start();
    let t = Instant::now();
    c.initialize(&big, &["utf-16"], json!(null)).await;
    let file = big.join("topics/topic_42.yaml");
    let text = files
        .iter()
        .find(|(r, _)| r == "topics/topic_42.yaml")
        .unwrap()
        .1
        .clone();
    c.open(&file, &text).await;
    // Wait for the first analysis: ask for something that needs it.
    c.request(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": lsp_support::uri(&file)}}),
    )
    .await;
    println!(
        "initial analysis ({n} topics, {bytes} bytes): {:?}",
        t.elapsed()
    );
    let mut lat = Vec::new();
    for k in 0..EDITS {
        // Alternately break and fix the reference on line 7 (`{{ho:billing}}` at column 26).
        let broken = k % 2 == 0;
        let edit = if broken {
            json!([{"range": range(7, 31, 7, 31), "text": "x"}])
        } else {
            json!([{"range": range(7, 31, 7, 32), "text": ""}])
        };
        let t = Instant::now();
        // Only publications caused by this edit count.
        c.log.clear();
        c.change(&file, k + 2, edit).await;
        c.diagnostics_where("topics/topic_42.yaml", |d| {
            d.as_array().unwrap().iter().any(|x| x["code"] == "SB201") == broken
        })
        .await;
        lat.push(t.elapsed());
    }
    lat.sort();
    let pct = |p: usize| lat[(lat.len() * p / 100).min(lat.len() - 1)];
    println!(
        "keystroke -> published diagnostics ({n} topics, {EDITS} edits): p50 {:?}, p95 {:?}, max {:?}",
        pct(50),
        pct(95),
        lat[lat.len() - 1]
    );
    if let (Some(a), Some(b)) = (rss0, rss_bytes()) {
        println!(
            "resident memory: {:.1} MB total, +{:.1} MB for the workspace ({:.1} MB of source)",
            b as f64 / 1e6,
            b.saturating_sub(a) as f64 / 1e6,
            bytes as f64 / 1e6
        );
    }
}
