//! Raw command-line flags, as clap parses them. The objects built from them
//! (the rule set, the extractor, the output sinks) live with the commands.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Chinese policy documents in, structured JSON out.
#[derive(Debug, Parser)]
#[command(name = "policyx", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub rules: RuleFlags,
}

/// Where the rules come from (any command).
#[derive(Debug, Args, Clone, Default)]
pub struct RuleFlags {
    /// Use the rules in DIR instead of the built-in defaults.
    #[arg(long, global = true, value_name = "DIR")]
    pub rules: Option<PathBuf>,
    /// Add the rules and lexicons in DIR to the rules in use (a lexicon of the same name adds its terms; one whose first line is `# replace` replaces the default).
    #[arg(long, global = true, value_name = "DIR")]
    pub extra_rules: Option<PathBuf>,
    /// Take every document to be in this script instead of detecting it
    /// (`simplified` turns conversion off; `traditional` and `mixed` convert).
    #[arg(long, global = true, value_enum, value_name = "SCRIPT")]
    pub script: Option<policyx::script::Script>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Extract one document (FILE, or stdin when none) and print it as one JSON object.
    Extract(ExtractFlags),
    /// Convert files, folders and archives to JSON Lines.
    Batch(BatchFlags),
    /// Read JSON Lines ({"id":…, "text":…}) from stdin, write one result line per input line.
    Stream(StreamFlags),
    /// Test or check rule files.
    #[command(subcommand)]
    Rules(RulesCommand),
    /// Print the JSON Schema of the output.
    Schema,
    /// Score the rules against a gold file (the format of shared/eval/*/gold.jsonl).
    Eval(EvalFlags),
    /// Tables of formulations, officials, speakers and periods from JSON Lines written by batch or stream.
    Stats(StatsFlags),
}

#[derive(Debug, Args, Default)]
pub struct ExtractFlags {
    /// The file to read; stdin when absent or `-`.
    pub file: Option<PathBuf>,
    /// Indent the JSON.
    #[arg(long)]
    pub pretty: bool,
    /// Decode the input with this encoding (utf-8, gb18030, big5, utf-16le, utf-16be) instead of detecting it.
    #[arg(long, value_name = "NAME")]
    pub encoding: Option<String>,
    /// Show, for every item, the candidates that competed for it and why the winner won.
    #[arg(long)]
    pub explain: bool,
    /// With --explain: print the explanation as JSON.
    #[arg(long, requires = "explain")]
    pub json: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum OutputFormat {
    #[default]
    Jsonl,
    Csv,
}

#[derive(Debug, Args, Default)]
pub struct BatchFlags {
    /// Files, folders, .zip/.tar/.tar.gz/.tgz archives, or `-` for a list of paths on stdin.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Write JSON Lines to FILE instead of stdout.
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Write one .json per input below DIR, mirroring the input tree (with --format csv: the CSV tables).
    #[arg(long, value_name = "DIR")]
    pub out_dir: Option<PathBuf>,
    /// Worker threads (default: the number of cores).
    #[arg(short, long, value_name = "N")]
    pub jobs: Option<usize>,
    /// Print files, bytes, documents/s, MB/s, errors and load time to stderr.
    #[arg(long)]
    pub stats: bool,
    /// Split each file into documents at lines matching REGEX (e.g. '^### ').
    #[arg(long, value_name = "REGEX")]
    pub split: Option<String>,
    /// Output format: jsonl, or csv (with --out-dir: officials.csv, tasks.csv, principles.csv).
    #[arg(long, value_enum, default_value_t = OutputFormat::Jsonl)]
    pub format: OutputFormat,
    /// Decode every input with this encoding instead of detecting it.
    #[arg(long, value_name = "NAME")]
    pub encoding: Option<String>,
    /// With --format csv: no UTF-8 byte-order mark at the start of each table
    /// (by default there is one, so spreadsheet programs read the Chinese right).
    #[arg(long)]
    pub no_bom: bool,
}

#[derive(Debug, Args, Default)]
pub struct StreamFlags {
    /// The field of each input object that holds the text.
    #[arg(long, default_value = "text", value_name = "NAME")]
    pub text_field: String,
    /// The field of each input object that holds its id.
    #[arg(long, default_value = "id", value_name = "NAME")]
    pub id_field: String,
    /// The field of each input object that holds its date (used when the text gives none).
    #[arg(long, default_value = "date", value_name = "NAME")]
    pub date_field: String,
}

#[derive(Debug, Subcommand)]
pub enum RulesCommand {
    /// Run every rule's examples (the rules in use, or those in DIR).
    Test {
        /// Rule folder to test instead of the rules in use.
        dir: Option<PathBuf>,
        /// Also list the examples that pass.
        #[arg(short, long)]
        verbose: bool,
    },
    /// Validate rule files without running them.
    Check {
        /// Rule folder to check instead of the rules in use.
        dir: Option<PathBuf>,
    },
    /// Write the built-in rules and lexicons to DIR, to start your own from them.
    Dump {
        /// The folder to write (created; existing files are not overwritten).
        dir: PathBuf,
    },
}

#[derive(Debug, Args, Default)]
pub struct EvalFlags {
    /// The gold file: one JSON object per line, `file` relative to the gold file's folder.
    #[arg(long, value_name = "FILE")]
    pub gold: PathBuf,
    /// Print everything as one JSON object.
    #[arg(long)]
    pub json: bool,
    /// Exit 1 when FIELD's F1 is below X (repeatable), e.g. --min-f1 tasks=0.85.
    #[arg(long, value_name = "FIELD=X")]
    pub min_f1: Vec<String>,
    /// Examples listed per group of misses.
    #[arg(long, default_value_t = 10, value_name = "N")]
    pub limit: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum PeriodFlag {
    #[default]
    Year,
    Month,
}

#[derive(Debug, Args, Default)]
pub struct StatsFlags {
    /// JSON Lines from `policyx batch` or `stream`; `-` for stdin. Give it
    /// before `--plot`, whose labels run to the next option.
    pub input: PathBuf,
    /// Write one CSV per table into DIR.
    #[arg(long, value_name = "DIR")]
    pub csv: Option<PathBuf>,
    /// Print everything as one JSON object.
    #[arg(long)]
    pub json: bool,
    /// Count per year or per month.
    #[arg(long, value_enum, default_value_t = PeriodFlag::Year)]
    pub by: PeriodFlag,
    /// Draw these labels (principles or slogans) per period as an SVG line chart.
    #[arg(long, num_args = 1.., value_name = "LABEL")]
    pub plot: Vec<String>,
    /// Where --plot writes the chart.
    #[arg(short = 'o', long, value_name = "FILE", requires = "plot")]
    pub output: Option<PathBuf>,
    /// Rows per table on the terminal.
    #[arg(long, default_value_t = 20, value_name = "N")]
    pub top: usize,
}
