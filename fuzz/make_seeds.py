#!/usr/bin/env python3
"""Writes the fuzz targets' seed corpora (fuzz/seeds/TARGET/) from the project's real files.

The starter pack and a syllabus chapter as packs, the importers' test banks in CSV (UTF-8, BOM,
GBK, tabs) and GIFT, the starter pack zipped, the version-1 learner fixtures and current-format
learner files as docs/data-files.md shows them, and role-play picks. Small on purpose: the fuzzer
grows its own corpus (fuzz/corpus/, not committed) from these.

    python3 fuzz/make_seeds.py        (replaces fuzz/seeds/)
"""
import io
import os
import shutil
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "fuzz", "seeds")
RS = b"\x1e"  # separates the files of a pack in the pack_load input


def read(rel):
    with open(os.path.join(ROOT, rel), "rb") as f:
        return f.read()


def put(target, name, data):
    os.makedirs(os.path.join(OUT, target), exist_ok=True)
    with open(os.path.join(OUT, target, name), "wb") as f:
        f.write(data)


def pack_input(manifest, files):
    out = manifest
    for rel, data in files:
        out += RS + rel.encode() + b"\n" + data
    return out


def starter_files():
    base = "assets/starter-pack"
    files = []
    for dirpath, _, names in os.walk(os.path.join(ROOT, base)):
        for name in sorted(names):
            full = os.path.join(dirpath, name)
            rel = os.path.relpath(full, os.path.join(ROOT, base))
            if rel != "pack.ron":
                files.append((rel, read(os.path.join(base, rel))))
    return files


def pack_seeds():
    put("pack_load", "starter", pack_input(read("assets/starter-pack/pack.ron"), starter_files()))
    # The syllabus's manifest with its smallest chapter (its pictures left out: they are large,
    # and a missing picture is a diagnostic worth reaching too).
    manifest = read("lessons/pack.ron").decode()
    start = manifest.index("chapters: [")
    end = manifest.index("]", start) + 1
    rel = "chapters/03-service-control.ron"
    one = manifest[:start] + 'chapters: ["%s"]' % rel + manifest[end:]
    put("pack_load", "syllabus-03", pack_input(one.encode(), [(rel, read("lessons/" + rel))]))
    put("pack_load", "manifest-only", one.encode())


CSV_TESTS = [
    "题型,题干,选项A,选项B,选项C,答案,解析,章节\n单选,第一步是？,倾听,争辩,沉默,A,先倾听,第一章\n"
    "多选,\"应当, 做到\",道歉,行动,拖延,AB,,第一章\n判断,投诉说明客户放弃了企业。,,,,错,,第二章\n"
    "简答,简述四步。,,,,倾听；道歉；行动；回访,,第二章\n单选,坏行,甲,乙,,C,,\n单选,少了列,甲\n",
    "题干,答案\r\n甲？,对\r\n乙\r\n丙？,错\r\n",
    "type\tstem\tA\tB\tanswer\nsingle\tFirst?\tListen\tArgue\tA\ntrue_false\tComplaints are gifts.\t\t\tT\n",
    "编号,题型,题干,选项A,选项B,选项C,选项D,答案,解析,章节,难度\n"
    "q1,单选,客户投诉的首要处理原则是？,先处理情绪,先追责,先赔偿,先记录,A,先处理情绪再处理事情,投诉处理,2\n"
    "q2,多选,服务补救包括哪些？,道歉,补偿,跟进,争辩,ABC,,投诉处理,3\n"
    "q3,判断,投诉是客户送给企业的礼物。,,,,,对,,投诉处理,1\n"
    "q4,论述,论述服务利润链。,,,,,\"1. 员工满意；2、客户满意（3）利润增长\",,服务策划,3\n",
]

GIFT_TESTS = [
    "::Q1:: 处理投诉的第一步是？ {=倾听 ~争辩#不要争辩 ~沉默 ####先倾听}\n\n"
    "应当做到 {~%50%道歉 ~%50%行动 ~%-100%拖延}\n\n投诉是礼物。{TRUE}\n\n客户总是错的。{F#想想看}\n\n"
    "服务的三要素之一是 {=人员 =员工} 。\n\n论述服务补救。{####道歉；补偿；跟进}\n\n1 \\{ 2 \\= 3? {=是 ~否}\n",
    "// 题库\n$CATEGORY: $course$/客服/第一章\n\n::a:: 甲\n{\n=对\n~错\n}\n\n乙 {T}\n",
    "好题 {T}\n\n坏题 {=甲 ~乙\n\n没有答案\n\n数字 {#3}\n\n配对 {=a -> b =c -> d}\n\n又一好题 {F}",
]


def bank_seeds():
    for n, text in enumerate(CSV_TESTS):
        put("csv_import", "test-%d" % n, text.encode())
    put("csv_import", "test-3-gbk", CSV_TESTS[3].encode("gbk"))
    put("csv_import", "test-3-bom", b"\xef\xbb\xbf" + CSV_TESTS[3].encode())
    for n, text in enumerate(GIFT_TESTS):
        put("gift_import", "test-%d" % n, text.encode())
    put("gift_import", "test-0-gbk", GIFT_TESTS[0].encode("gbk"))


def zip_of(files, method):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as z:
        for rel, data in files:
            z.writestr(rel, data)
    return buf.getvalue()


def zip_seeds():
    manifest = ("pack.ron", read("assets/starter-pack/pack.ron"))
    starter = [manifest] + starter_files()
    put("zip_extract", "starter-deflated",
        zip_of([("starter/" + r, d) for r, d in starter], zipfile.ZIP_DEFLATED))
    put("zip_extract", "starter-stored", zip_of(starter, zipfile.ZIP_STORED))
    put("zip_extract", "clutter-and-folder", zip_of([
        ("包/", b""), ("包/第一章.ron", "()".encode()), ("__MACOSX/._pack.ron", b"x"),
        ("包/.DS_Store", b"x")], zipfile.ZIP_DEFLATED))


TIME = '"2025-03-01T09:00:00Z"'
ATTEMPT = ('(item: "ch1.q.001", pack: "servicecraft.syllabus", attempt: (started: %s, '
           'finished: "2025-03-01T09:00:40Z", answer: "B", score: 0.0, max: 1.0))' % TIME)
CURRENT = [
    # (selector, name, text): the selector is the learner_files target's first byte.
    (0, "profile.ron", '(format_version: 1, name: "王芳", avatar: Some("竹"), created: %s)' % TIME),
    (1, "profile-settings.ron", '(format_version: 1, last_lesson: Some("ch1.l.swot-intro"), notes_open: true)'),
    (2, "progress.ron", '(format_version: 2, lessons_done: ["ch1.l.swot-intro"], study_days: ["2025-03-01", "2025-03-02"])'),
    (3, "notes.ron", '(format_version: 1, notes: {"ch1.l.swot-intro": (text: "先倾听\\n再道歉", updated: %s)})' % TIME),
    (4, "study.ron",
     '(format_version: 1, reviews: {"ch1.q.001": (due: %s, stability: 2.5, difficulty: 5.0, elapsed_days: 0, '
     'scheduled_days: 1, reps: 1, lapses: 0, state: Learning, last_review: %s)}, '
     'mistakes: {"ch1.q.001": (added: %s, wrong_count: 1, right_streak: 0)}, favourites: ["ch1.q.002"], '
     'exercise_scores: {"ch1.swot.1": [(when: %s, score: 3.0, max: 4.0)]}, '
     'worksheets: {"ch3.ws.1": {"plan": "计划"}}, my_swot: [], '
     'roleplays: {"rp.1": [(finished: %s, percent: 80, outcome: Success, path: [0, 2, 1])]})'
     % (TIME, TIME, TIME, TIME, TIME)),
    (5, "attempts-0000.ron", "(format_version: 1, attempts: [%s, %s])" % (ATTEMPT, ATTEMPT)),
    (6, "settings.ron", '(format_version: 2, language: Some(Zh), theme: Dark, text_scale: 1.25, font_path: None, '
     'last_profile: Some("wang"), reduce_motion: false, tour_done: true)'),
]


def learner_seeds():
    for which, rel in [(0, "profile/profile.ron"), (1, "profile/settings.ron"),
                       (2, "profile/progress.ron"), (3, "profile/notes.ron"), (6, "settings.ron")]:
        put("learner_files", "v1-" + rel.replace("/", "-"),
            bytes([which]) + read("tests/fixtures/v1/" + rel))
    for which, name, text in CURRENT:
        put("learner_files", "current-" + name, bytes([which]) + text.encode())
    # The first release's files beside the profiles: study.ron (read as is) and attempts.ron.
    put("learner_files", "legacy-study.ron", bytes([7]) + CURRENT[4][2].encode())
    row = ('(profile: "王芳", pack_id: "servicecraft.syllabus", pack_version: "1.0.0", item_id: "ch1.q.001", '
           'item_type: "single", chapter: "第一章", answer: "B", score: 1.0, max: 1.0, started: %s, finished: %s)'
           % (TIME, TIME))
    put("learner_files", "legacy-attempts.ron", bytes([8]) + ("[%s]" % row).encode())


def roleplay_seeds():
    # Pick byte 4 × n plays built-in scenario n; the bytes after it are the learner's choices.
    for n in range(12):
        put("roleplay", "builtin-%02d" % n, bytes([4 * n]) + bytes([0, 1, 2] * 8))
    # Made-up scenarios come from `arbitrary` reading any bytes.
    for n in range(1, 8):
        put("roleplay", "random-%d" % n, bytes([n]) + bytes((i * 37 + n) % 256 for i in range(96)))


def main():
    shutil.rmtree(OUT, ignore_errors=True)
    pack_seeds()
    bank_seeds()
    zip_seeds()
    learner_seeds()
    roleplay_seeds()
    total = count = 0
    for dirpath, _, names in os.walk(OUT):
        for name in names:
            count += 1
            total += os.path.getsize(os.path.join(dirpath, name))
    print("%d seeds, %d bytes, in %s" % (count, total, OUT))


if __name__ == "__main__":
    main()
