//! Exact-field tests of `extract` on the seed article and on one fixture per
//! phenomenon in `testdata/fixtures/`.

use crate::common;

use common::{assert_spans, extract_bytes, extract_file, files_in, root, slice};

fn titles(doc: &policyx::document::Document, name: &str) -> Vec<String> {
    doc.officials
        .iter()
        .find(|o| o.name == name)
        .map(|o| o.titles.clone())
        .unwrap_or_else(|| panic!("no official {name}"))
}

fn tasks(doc: &policyx::document::Document) -> Vec<(String, String, String)> {
    doc.tasks
        .iter()
        .map(|t| {
            (
                t.speaker.clone().unwrap_or_default(),
                t.cue.clone().unwrap_or_default(),
                t.text.clone(),
            )
        })
        .collect()
}

fn principle<'a>(
    doc: &'a policyx::document::Document,
    label: &str,
) -> &'a policyx::document::Principle {
    doc.principles
        .iter()
        .find(|p| p.label == label)
        .unwrap_or_else(|| panic!("no principle {label}"))
}

fn items(p: &policyx::document::Principle) -> Vec<&str> {
    p.items.iter().map(|i| i.text.as_str()).collect()
}

#[test]
fn seed_article() {
    let (doc, text) = extract_file("testdata/seed/000_7a27c10ffd5541cc.txt");
    assert_eq!(doc.schema_version, "1.1");
    assert_eq!(
        doc.title.as_deref(),
        Some("坚持稳中求进工作总基调推动实现吉林法院高质量发展")
    );
    assert_eq!(doc.channel.as_deref(), Some("吉林频道"));
    assert_eq!(doc.date.as_deref(), Some("2019-02-24"));
    let m = doc.meeting.as_ref().expect("meeting");
    assert_eq!(m.name.as_deref(), Some("全省法院院长会议"));
    assert_eq!(m.date.as_deref(), Some("2019-02-22"));
    assert_eq!(m.place.as_deref(), Some("长春"));

    let names: Vec<&str> = doc.officials.iter().map(|o| o.name.as_str()).collect();
    assert_eq!(names, ["习近平", "徐家新", "李光辉", "吕洪民", "吕岩峰"]);
    assert_eq!(titles(&doc, "徐家新"), ["省法院党组书记", "院长"]);
    assert_eq!(titles(&doc, "习近平"), ["总书记"]);
    assert_eq!(titles(&doc, "吕洪民"), ["省法院党组成员", "副院长"]);
    let xu = doc
        .officials
        .iter()
        .find(|o| o.name == "徐家新")
        .expect("徐家新");
    assert_eq!(xu.roles, ["出席会议并讲话"]);
    assert_eq!(&*xu.rule, "official.titles-before-names");
    assert_eq!(xu.mentions.len(), 4, "the duplicated lead is counted once");

    let labels: Vec<&str> = doc.principles.iter().map(|p| p.label.as_str()).collect();
    assert_eq!(
        labels,
        [
            "五个坚持",
            "五个理念",
            "一个主题",
            "一个目标",
            "工作思路",
            "工作方针",
            "目标"
        ]
    );
    let five = principle(&doc, "五个坚持");
    assert_eq!(five.count, Some(5));
    assert!(five.complete);
    assert_eq!(items(five)[4], "坚持司法为民、公正司法工作主线");
    assert_eq!(
        items(principle(&doc, "五个理念")),
        ["服务", "创新", "开放", "协调", "争先"]
    );
    assert_eq!(principle(&doc, "工作思路").count, None);

    assert_eq!(doc.tasks.len(), 20);
    assert_eq!(
        tasks(&doc)[0],
        (
            "徐家新".into(),
            "要求".into(),
            "全省法院要牢固树立总体国家安全观，切实维护国家政治安全、确保社会大局稳定。".into()
        )
    );
    assert!(doc.tasks[7..13]
        .iter()
        .all(|t| t.cue.as_deref() == Some("强调")));
    assert_eq!(doc.reporters, ["邢阳"]);
    assert_eq!(doc.editors, ["韩莹"]);
    let slogans: Vec<&str> = doc.slogans.iter().map(|s| s.text.as_str()).collect();
    assert!(slogans.contains(&"枫桥经验") && slogans.contains(&"三大攻坚战"));
    assert_spans(&doc, &text);
    assert_eq!(slice(&text, xu.span), "徐家新");
}

#[test]
fn html_entities_are_cleaned_and_spans_point_into_the_html() {
    let (doc, text) = extract_file("testdata/fixtures/html_entities.txt");
    assert_eq!(titles(&doc, "王一民"), ["省委书记"]);
    assert_eq!(
        tasks(&doc),
        [(
            "王一民".into(),
            "强调".into(),
            "各级干部要“真抓实干”。".into()
        )]
    );
    assert_eq!(
        slice(&text, doc.tasks[0].span),
        "各级干部要&ldquo;真抓实干&rdquo;。"
    );
    assert_spans(&doc, &text);
}

#[test]
fn front_matter_title_channel_and_meeting_year() {
    let (doc, _) = extract_file("testdata/fixtures/front_matter.txt");
    assert_eq!(doc.title.as_deref(), Some("全面推进乡村振兴"));
    assert_eq!(doc.channel.as_deref(), Some("江南频道"));
    assert_eq!(doc.date.as_deref(), Some("2021-03-05"));
    let m = doc.meeting.expect("meeting");
    assert_eq!(
        (m.name.as_deref(), m.date.as_deref(), m.place.as_deref()),
        (Some("全省农村工作会议"), Some("2021-03-04"), Some("江城"))
    );
    assert_eq!(doc.officials[0].roles, ["主持会议"]);
}

#[test]
fn duplicated_and_truncated_paragraphs_count_once() {
    let (doc, text) = extract_file("testdata/fixtures/duplicate_paragraphs.txt");
    let o = &doc.officials[0];
    assert_eq!(o.name, "李三平");
    assert_eq!(o.mentions.len(), 2, "lead once, plus the 要求 paragraph");
    assert_eq!(
        tasks(&doc),
        [(
            "李三平".into(),
            "要求".into(),
            "统计部门要依法统计。".into()
        )]
    );
    assert_spans(&doc, &text);
}

#[test]
fn titles_before_a_list_apply_to_each_name() {
    let (doc, _) = extract_file("testdata/fixtures/title_list.txt");
    let names: Vec<&str> = doc.officials.iter().map(|o| o.name.as_str()).collect();
    assert_eq!(names, ["王一民", "李三平", "赵四海"]);
    assert!(doc
        .officials
        .iter()
        .all(|o| o.titles == ["中共中央政治局常委"]));
}

#[test]
fn title_after_name_and_chain_after_stop_word() {
    let (doc, _) = extract_file("testdata/fixtures/title_after.txt");
    assert_eq!(titles(&doc, "周一鸣"), ["总书记"]);
    assert_eq!(titles(&doc, "张二海"), ["省委副书记", "省长"]);
}

#[test]
fn pronoun_speaker_resolves_and_passage_continues() {
    let (doc, _) = extract_file("testdata/fixtures/pronoun_speaker.txt");
    assert_eq!(
        tasks(&doc),
        [
            (
                "王一民".into(),
                "强调".into(),
                "要把思想统一到中央部署上来。".into()
            ),
            ("王一民".into(), "指出".into(), "各地要压实责任。".into()),
        ]
    );
}

#[test]
fn order_cue_makes_every_sentence_a_task_until_a_plain_paragraph() {
    let (doc, _) = extract_file("testdata/fixtures/meeting_order.txt");
    let texts: Vec<String> = doc.tasks.iter().map(|t| t.text.clone()).collect();
    assert_eq!(
        texts,
        [
            "明年要坚持稳中求进。",
            "优化财政支出结构。",
            "积极的财政政策要适度加力。",
            "严控一般性支出。"
        ]
    );
    assert!(doc
        .tasks
        .iter()
        .all(|t| t.speaker.as_deref() == Some("会议") && t.cue.as_deref() == Some("要求")));
}

#[test]
fn semicolon_clauses_are_judged_one_by_one() {
    let (doc, _) = extract_file("testdata/fixtures/semicolons.txt");
    let texts: Vec<String> = doc.tasks.iter().map(|t| t.text.clone()).collect();
    assert_eq!(
        texts,
        [
            "既要全面推进，又要突出重点；",
            "既要狠抓当前，又要着眼长远；"
        ]
    );
}

#[test]
fn crowds_give_no_tasks() {
    let (doc, _) = extract_file("testdata/fixtures/crowd.txt");
    assert!(doc.tasks.is_empty(), "{:?}", doc.tasks);
}

#[test]
fn reporters_and_editors_are_not_officials() {
    let (doc, _) = extract_file("testdata/fixtures/bylines.txt");
    assert_eq!(doc.reporters, ["刘小明"]);
    assert_eq!(doc.editors, ["陈美丽"]);
    let names: Vec<&str> = doc.officials.iter().map(|o| o.name.as_str()).collect();
    assert_eq!(names, ["张二海"]);
}

#[test]
fn principle_items_before_the_label() {
    let (doc, _) = extract_file("testdata/fixtures/principle_before.txt");
    let p = principle(&doc, "三个振兴");
    assert_eq!(
        (items(p), p.count, &*p.rule),
        (
            vec!["产业", "人才", "文化"],
            Some(3),
            "principle.items-then-quoted-label"
        )
    );
}

#[test]
fn principle_quoted_list_with_head_noun() {
    let (doc, _) = extract_file("testdata/fixtures/principle_quoted_head.txt");
    assert_eq!(
        items(principle(&doc, "工作思路")),
        ["抓落实", "抓督导", "抓研究"]
    );
    assert_eq!(items(principle(&doc, "优良作风")), ["马上就办", "真抓实干"]);
}

#[test]
fn principle_enumerated_with_ordinals() {
    let (doc, _) = extract_file("testdata/fixtures/principle_enumerated.txt");
    assert_eq!(
        items(principle(&doc, "三件大事")),
        ["完成脱贫攻坚，实现第一个目标", "进入新时代", "迎来建党百年"]
    );
}

#[test]
fn principle_anaphor_keeps_inner_quotes_in_label() {
    let (doc, _) = extract_file("testdata/fixtures/principle_anaphor.txt");
    let p = principle(&doc, "三个“致力于”");
    assert_eq!(
        items(p),
        ["致力于团结奋斗", "致力于共同富裕", "致力于和平发展"]
    );
}

/// A formula label in a notes entry, defined part by part: one item per part,
/// no count; one explained in prose lists nothing.
#[test]
fn principle_formula_defined_part_by_part() {
    let (doc, text) = extract_file("testdata/fixtures/principle_formula.txt");
    let labels: Vec<&str> = doc.principles.iter().map(|p| p.label.as_str()).collect();
    assert_eq!(labels, ["两重", "1+5+N"]);
    let p = principle(&doc, "1+5+N");
    assert_eq!(p.count, None);
    assert_eq!(&*p.rule, "principle.formula-note");
    assert_eq!(
        items(p),
        [
            "省疾控中心，发挥龙头带动作用",
            "五大区域疾控中心，发挥区域辐射支援作用",
            "其他市县疾控中心，发挥基础性支撑作用"
        ]
    );
    assert_spans(&doc, &text);
}

#[test]
fn nested_list_is_one_principle_and_not_a_slogan() {
    let (doc, text) = extract_file("testdata/fixtures/principle_nested.txt");
    let labels: Vec<&str> = doc.principles.iter().map(|p| p.label.as_str()).collect();
    assert_eq!(labels, ["三个理念", "一个主题"]);
    assert_eq!(items(principle(&doc, "三个理念")), ["服务", "创新", "开放"]);
    assert!(doc.slogans.is_empty(), "{:?}", doc.slogans);
    assert_spans(&doc, &text);
}

#[test]
fn markdown_heading_and_link_give_title_and_date() {
    let (doc, _) = extract_file("testdata/fixtures/markdown_link.txt");
    assert_eq!(doc.title.as_deref(), Some("全省审计工作会议召开"));
    assert_eq!(doc.date.as_deref(), Some("2022-11-30"));
    assert_eq!(titles(&doc, "孙一平"), ["审计厅厅长"]);
}

#[test]
fn gbk_input_is_decoded_and_recorded() {
    let (doc, _) = extract_file("testdata/fixtures/gbk.txt");
    assert_eq!(doc.source.encoding, "gb18030");
    assert_eq!(
        tasks(&doc),
        [(
            "王一民".into(),
            "要求".into(),
            "各地要抓好春耕生产。".into()
        )]
    );
}

#[test]
fn every_fixture_span_slices_back() {
    for p in files_in(&root().join("testdata/fixtures"), "txt") {
        let bytes = std::fs::read(&p).expect("read fixture");
        let (doc, text) = extract_bytes(&bytes, None);
        assert_spans(&doc, &text);
    }
}

#[test]
fn bom_keeps_offsets_of_the_decoded_input() {
    let input = "\u{feff}省委书记王一民出席会议。";
    let (doc, text) = extract_bytes(input.as_bytes(), None);
    assert_eq!(doc.officials[0].span, [5, 8]);
    assert_eq!(slice(&text, doc.officials[0].span), "王一民");
}

fn extract_with(ex: &policyx::extract::Extractor, text: &str) -> policyx::document::Document {
    let d = policyx::decode::decode(text.as_bytes(), None);
    ex.extract(
        &d,
        policyx::document::SourceInfo {
            path: None,
            encoding: d.encoding.into(),
            part: None,
            id: None,
            script: Default::default(),
            date_from: None,
            date_field: None,
        },
    )
}

fn extractor_with_window(bytes: usize) -> policyx::extract::Extractor {
    let rules = policyx::rules::RuleSet::defaults().expect("rules");
    policyx::extract::Extractor::new(rules)
        .expect("extractor")
        .with_window(bytes)
}

/// Rules match within a line, so windows that end at line breaks change nothing.
#[test]
fn windows_ending_at_line_breaks_do_not_change_results() {
    let whole = extractor_with_window(usize::MAX);
    let mut paths = files_in(&root().join("testdata/seed"), "txt");
    paths.extend(files_in(&root().join("testdata/fixtures"), "txt"));
    let mut windowed_docs = 0;
    for p in paths {
        let bytes = std::fs::read(&p).expect("read");
        let text = policyx::decode::decode(&bytes, None).text;
        let longest = text.lines().map(str::len).max().unwrap_or(0);
        // Every line fits in half a window, so every window ends at a line break.
        let small = extractor_with_window(2 * (longest + 1));
        let a = serde_json::to_value(extract_with(&whole, &text)).expect("json");
        let b = serde_json::to_value(extract_with(&small, &text)).expect("json");
        assert_eq!(a, b, "{}", p.display());
        if text.len() > 2 * (longest + 1) {
            windowed_docs += 1;
        }
    }
    assert!(
        windowed_docs >= 3,
        "only {windowed_docs} documents had several windows"
    );
}

/// A text over the default window (1 MiB) gives what one pass over it gives.
#[test]
fn a_long_text_is_matched_in_windows_with_the_same_result() {
    let seed = std::fs::read_to_string(root().join("testdata/seed/000_7a27c10ffd5541cc.txt"))
        .expect("seed");
    let body = seed.rsplit("---\n").next().expect("body");
    // Numbered copies: cleaning drops repeated paragraphs.
    let text: String = (0..(3 << 20) / body.len() + 1)
        .flat_map(|k| body.lines().map(move |l| format!("（{k}）{l}\n")))
        .collect();
    assert!(text.len() > 3 * policyx::extract::WINDOW);
    let windowed = extract_with(common::extractor(), &text);
    let whole = extract_with(&extractor_with_window(usize::MAX), &text);
    assert_eq!(
        serde_json::to_value(&windowed).expect("json"),
        serde_json::to_value(&whole).expect("json")
    );
    assert!(
        windowed.tasks.len() > 1000,
        "{} tasks",
        windowed.tasks.len()
    );
    assert_spans(&windowed, &text);
}

/// A traditional passage: every field as the simplified rules find it, every
/// string in the text's own script, every span slicing back.
#[test]
fn traditional_passage_in_its_own_script() {
    let (doc, text) = extract_file("testdata/fixtures/traditional.txt");
    assert_eq!(doc.source.script, policyx::script::Script::Traditional);
    let names: Vec<&str> = doc.officials.iter().map(|o| o.name.as_str()).collect();
    assert_eq!(names, ["張二海", "李家超"]);
    assert_eq!(titles(&doc, "張二海"), ["省委書記", "省長"]);
    assert_eq!(titles(&doc, "李家超"), ["香港特別行政區行政長官"]);
    let p = principle(&doc, "三個不動搖");
    assert_eq!(p.count, Some(3));
    assert_eq!(
        items(p),
        ["堅持農業優先發展", "堅持城鄉融合", "堅持改革創新"]
    );
    assert_eq!(
        tasks(&doc),
        [
            (
                "張二海".into(),
                "強調".into(),
                "要堅持“三個不動搖”——堅持農業優先發展，堅持城鄉融合，堅持改革創新。".into()
            ),
            (
                "張二海".into(),
                "要求".into(),
                "各級黨委和政府要壓實責任，確保糧食安全。".into()
            ),
            // The meeting as speaker, in the document's script.
            (
                "會議".into(),
                "指出".into(),
                "必須牢牢守住不發生規模性返貧的底線。".into()
            ),
        ]
    );
    assert_spans(&doc, &text);
    assert_eq!(slice(&text, doc.officials[0].span), "張二海");
}

/// The same passage in simplified characters gives the same items, spans and rules.
#[test]
fn traditional_and_simplified_twins_agree() {
    let (trad, _) = extract_file("testdata/fixtures/traditional.txt");
    let text =
        std::fs::read_to_string(root().join("testdata/fixtures/traditional.txt")).expect("fixture");
    let simp_text = policyx::script::to_simplified(&text).expect("converts");
    let (simp, _) = extract_bytes(simp_text.as_bytes(), None);
    assert_eq!(simp.source.script, policyx::script::Script::Simplified);
    let shape = |d: &policyx::document::Document| {
        (
            d.officials
                .iter()
                .map(|o| (o.span, o.mentions.clone(), o.titles.len()))
                .collect::<Vec<_>>(),
            d.tasks
                .iter()
                .map(|t| (t.span, t.rule.clone()))
                .collect::<Vec<_>>(),
            d.principles
                .iter()
                .map(|p| (p.span, p.items.iter().map(|i| i.span).collect::<Vec<_>>()))
                .collect::<Vec<_>>(),
        )
    };
    assert_eq!(shape(&trad), shape(&simp));
    assert_eq!(simp.officials[0].name, "张二海");
    assert_eq!(simp.tasks[2].speaker.as_deref(), Some("会议"));
}

/// A traditional quotation inside simplified text: the document is mixed, and
/// the quoted official keeps the script the text gives him.
#[test]
fn mixed_script_document() {
    let text = "新华社电 会议强调，要抓好落实。报道原文写道：“國務院總理李強主持會議，強調穩增長。”\n国务院总理李强出席。";
    let (doc, full) = extract_bytes(text.as_bytes(), None);
    assert_eq!(doc.source.script, policyx::script::Script::Mixed);
    let names: Vec<&str> = doc.officials.iter().map(|o| o.name.as_str()).collect();
    assert_eq!(names, ["李強"], "one official, as first written");
    assert_eq!(doc.officials[0].mentions.len(), 2);
    assert_eq!(slice(&full, doc.officials[0].span), "李強");
    assert_eq!(slice(&full, doc.officials[0].mentions[1]), "李强");
}

fn actions(t: &policyx::document::Task) -> Vec<(String, Option<String>)> {
    t.actions
        .iter()
        .map(|a| {
            (
                a.verb.text.clone(),
                a.object.as_ref().map(|o| o.text.clone()),
            )
        })
        .collect()
}

/// A work report in its own voice: voice, outline, tasks of the plan part
/// only, the author as speaker, sections and actions.
#[test]
fn own_voice_work_report() {
    use policyx::document::Voice;
    let (doc, text) = extract_file("testdata/fixtures/work_report.txt");
    assert_eq!(doc.voice, Voice::Own);
    let outline: Vec<(usize, &str, &str, Option<usize>)> = doc
        .sections
        .iter()
        .map(|s| (s.level, s.number.as_str(), s.title.as_str(), s.parent))
        .collect();
    assert_eq!(
        outline,
        [
            (1, "一、", "2025年工作回顾", None),
            (1, "二、", "2026年工作安排", None),
            (2, "（一）", "加快建设现代化产业体系", Some(1)),
            (2, "（二）", "大力提振消费", Some(1)),
        ]
    );
    let got: Vec<(&str, &str, Option<usize>)> = doc
        .tasks
        .iter()
        .map(|t| (t.text.as_str(), &*t.rule, t.section))
        .collect();
    assert_eq!(
        got,
        [
            ("今年要重点做好以下工作。", "own.modal", Some(1)),
            ("（一）加快建设现代化产业体系。", "own.heading", Some(2)),
            (
                "实施制造业重点产业链高质量发展行动。",
                "own.imperative",
                Some(2)
            ),
            ("稳定和扩大就业。", "own.imperative", Some(2)),
            ("（二）大力提振消费。", "own.heading", Some(3)),
            ("新增城镇就业5万人。", "own.imperative", Some(3)),
            ("我们要坚定信心、迎难而上。", "own.modal", Some(3)),
        ],
        "nothing from the review part; no target stated as a fact"
    );
    for t in &doc.tasks {
        assert_eq!(t.speaker.as_deref(), Some("市人民政府"));
        assert_eq!(t.cue, None);
    }
    // A heading, a verb with a long object, two verbs sharing one object, an aux verb.
    assert_eq!(
        actions(&doc.tasks[1]),
        [("加快建设".into(), Some("现代化产业体系".into()))]
    );
    assert_eq!(
        actions(&doc.tasks[2]),
        [("实施".into(), Some("制造业重点产业链高质量发展行动".into()))]
    );
    assert_eq!(
        actions(&doc.tasks[3]),
        [
            ("稳定".into(), Some("就业".into())),
            ("扩大".into(), Some("就业".into()))
        ]
    );
    assert_eq!(
        actions(&doc.tasks[4]),
        [("提振".into(), Some("消费".into()))]
    );
    for t in &doc.tasks {
        for a in &t.actions {
            assert_eq!(slice(&text, a.verb.span), a.verb.text);
            if let Some(o) = &a.object {
                assert_eq!(slice(&text, o.span), o.text);
            }
        }
    }
    for s in &doc.sections {
        assert!(slice(&text, s.span).ends_with(&s.title));
    }
    assert_spans(&doc, &text);
}

/// News keeps the cue rules: reported voice, cue and speaker set, and actions
/// on its tasks too.
#[test]
fn news_is_reported_and_its_tasks_have_actions() {
    use policyx::document::Voice;
    let (doc, _) = extract_file("testdata/seed/000_7a27c10ffd5541cc.txt");
    assert_eq!(doc.voice, Voice::Reported);
    assert!(doc.sections.is_empty());
    assert!(doc
        .tasks
        .iter()
        .all(|t| t.cue.is_some() && t.speaker.is_some()));
    assert!(doc.tasks.iter().all(|t| t.section.is_none()));
    let with_actions = doc.tasks.iter().filter(|t| !t.actions.is_empty()).count();
    assert!(with_actions * 10 >= doc.tasks.len() * 8, "{with_actions}");
}

/// Verb–object pairs joined by 、 after a quoted object are pairs of their own;
/// a 的 after the last quote makes the run one modifier.
#[test]
fn pairs_joined_after_a_quoted_object_split() {
    let text = "会议指出，要增强“四个意识”、坚定“四个自信”、做到“两个维护”，推动高质量发展。\n会议要求，要夯实拥护“两个确立”、做到“两个维护”的思想根基。\n";
    let (doc, _) = extract_bytes(text.as_bytes(), None);
    assert_eq!(doc.tasks.len(), 2, "{:?}", doc.tasks);
    let pair = |v: &str, o: &str| (v.to_string(), Some(o.to_string()));
    assert_eq!(
        actions(&doc.tasks[0]),
        [
            pair("增强", "“四个意识”"),
            pair("坚定", "“四个自信”"),
            pair("做到", "“两个维护”"),
            pair("推动", "高质量发展"),
        ]
    );
    assert_eq!(
        actions(&doc.tasks[1]),
        [pair("夯实", "拥护“两个确立”、做到“两个维护”的思想根基")]
    );
}

/// A review passage with no plan part gives no task, even where sentences open with a verb.
#[test]
fn review_passage_gives_no_tasks() {
    let text = "过去一年，我们主要做了以下工作。\n（一）全力稳增长。深入实施创新驱动发展战略。研发投入增长12%。建成5G基站3000个。\n";
    let (doc, _) = extract_bytes(text.as_bytes(), None);
    assert_eq!(doc.voice, policyx::document::Voice::Own);
    assert!(doc.tasks.is_empty(), "{:?}", doc.tasks);
}

/// The 2025 national government work report (in ../shared; skipped without
/// it): own voice, its part and chapter headings, hundreds of tasks in the
/// plan part and none of its review part's results.
#[test]
fn national_work_report_2025() {
    let path = root().join("../shared/corpus/bench/gov-work-reports/001-2025.txt");
    let Ok(bytes) = std::fs::read(&path) else {
        eprintln!("skipping national_work_report_2025: no {}", path.display());
        return;
    };
    let (doc, _) = extract_bytes(&bytes, Some("001-2025.txt"));
    assert_eq!(doc.voice, policyx::document::Voice::Own);
    let first: Vec<(usize, &str, &str)> = doc
        .sections
        .iter()
        .take(4)
        .map(|s| (s.level, s.number.as_str(), s.title.as_str()))
        .collect();
    assert_eq!(
        first,
        [
            (1, "一、", "2024年工作回顾"),
            (1, "二、", "2025年经济社会发展总体要求和政策取向"),
            (1, "三、", "2025年政府工作任务"),
            (
                2,
                "（一）",
                "大力提振消费、提高投资效益，全方位扩大国内需求"
            ),
        ]
    );
    let plan = doc
        .tasks
        .iter()
        .filter(|t| t.section.is_some_and(|s| s >= 2))
        .count();
    let review = doc.tasks.iter().filter(|t| t.section == Some(0)).count();
    assert!(plan >= 200, "{plan} tasks in the plan part");
    assert!(review <= 2, "{review} tasks in the review part");
    assert!(doc
        .tasks
        .iter()
        .all(|t| t.speaker.as_deref() == Some("国务院")));
    assert_eq!(doc.date.as_deref(), Some("2025"));
}
