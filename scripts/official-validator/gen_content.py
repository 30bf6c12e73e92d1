"""Child topics, test cases, languages and translations for the generated projects
(polyai-adk 0.73.2, `resources/child_topic.py`, `test_suite.py`, `languages.py`,
`translations.py`).

`extend(p, r)` adds valid content of these kinds to a project; each `m_*` in `MUTATIONS`
damages it the way an author would and says what it did (None when it does not apply). The files
are written from `p.content` when the project is written, so they follow what other mutations
did to the variants and functions (a child topic's folder is its variant's clean name then).
"""

from projectgen import clean_name, dump_yaml

LANGS = ["es-ES", "fr-FR", "en-GB", "sr-Latn-RS", "es-419", "de-DE"]
CHILD_TITLES = ["Parking and Access", "Holiday Opening Times", "Local Offers", "Accessibility",
                "Crème Brûlée Specials"]
SCENARIOS = ["You want to book a table for two on Friday at 7pm.",
             "You are calling to check on an order you placed last week.\nYou are polite but in a hurry.",
             "Ask about the opening hours, then say goodbye. Your name is Zoë."]


def _global_functions(p):
    return [path[len("functions/"):-3] for path in p.functions
            if path.startswith("functions/") and path.endswith(".py")
            and path not in ("functions/start_function.py", "functions/end_function.py")]


def _flow_functions(p):
    return [name[:-3] for fl in p.flows for name in fl["functions"]]


def _render(p):
    c = p.content
    out = {}
    if c.get("languages") is not None:
        out["agent_settings/languages.yaml"] = dump_yaml(c["languages"])
    if c.get("translations"):
        out["config/translations.yaml"] = dump_yaml({"translations": c["translations"]})
    for t in c.get("child_topics", []):
        folder = t.get("folder")
        if not folder:
            folder = (clean_name(p.variants[t["variant"] % len(p.variants)]["name"])
                      if p.variants else "no_variant")
        fname = t.get("file") or clean_name(t["body"]["name"]) + ".yaml"
        out[f"child_topics/{folder}/{fname}"] = dump_yaml(t["body"])
    for tc in c.get("cases", []):
        fname = tc.get("file") or clean_name(tc["body"]["name"]) + ".yaml"
        out[f"test_suite/{fname}"] = dump_yaml(tc["body"])
    return out


def _languages(c):
    l = c["languages"]
    return [l["default_language"]] + list(l["additional_languages"])


def extend(p, r):
    c = p.content = {"languages": None, "translations": [],
                     "child_topics": [], "cases": []}
    langs = ["en-US"]
    if r.random() < 0.6:
        extra = r.sample(LANGS, r.randint(0, 2))
        c["languages"] = {"default_language": "en-US", "additional_languages": extra}
        langs += extra
        if r.random() < 0.6:
            for name in r.sample(["closing_notice", "Greeting_Line", "hold_message"], r.randint(1, 2)):
                c["translations"].append({"name": name, "translations": {
                    code: f"Text of {name} in {code}: Café ouvert." for code in langs}})
    if p.variants and r.random() < 0.5:
        fns = _global_functions(p)
        for i, title in enumerate(r.sample(CHILD_TITLES, r.randint(1, 2))):
            actions = "Answer from the content."
            if fns and r.random() < 0.5:
                actions += " If the caller wants a person, call {{fn:%s}}." % r.choice(fns)
            c["child_topics"].append({"variant": r.randrange(len(p.variants)), "body": {
                "name": title, "enabled": True, "actions": actions,
                "content": "Facts about %s.\n\nMore on the website." % title.lower(),
                "example_queries": ["Tell me about " + title.lower()]}})
    if r.random() < 0.5:
        for i in range(r.randint(1, 2)):
            body = {"name": r.choice(["Book a table", "order-status-check", "Opening hours FAQ"]) + f" {i}",
                    "scenario": r.choice(SCENARIOS), "channel": r.choice(["voice", "webchat"]),
                    "language": r.choice(langs)}
            if p.variants and r.random() < 0.5:
                body["variant"] = r.choice(p.variants)["name"]
            if r.random() < 0.3:
                body["caller_number"] = "+14155550143"
            if r.random() < 0.5:
                body["tags"] = ["smoke"]
            body["prompt_assertions"] = ["The agent answers politely."]
            names = _global_functions(p) + _flow_functions(p)
            if names and r.random() < 0.7:
                body["function_call_assertions"] = [{"name": r.choice(names), "arguments": [
                    {"parameter_name": "x", "expected_value": "1",
                     "value_type": r.choice(["string", "integer", "number", "boolean"])}]}]
            c["cases"].append({"body": body})
    base_files = p.files
    p.files = lambda: {**base_files(), **_render(p)}


# ---- mutations ---------------------------------------------------------------------------------


def _child(p):
    c = getattr(p, "content", None)
    return c["child_topics"][0] if c and c["child_topics"] and p.variants else None


def _case(p):
    c = getattr(p, "content", None)
    return c["cases"][0] if c and c["cases"] else None


def m_child_tags(p, r):
    t = _child(p)
    if not t:
        return None
    t["body"]["tags"] = ["local"]
    return "child topic with tags"


def m_child_variant_unknown(p, r):
    t = _child(p)
    if not t:
        return None
    t["folder"] = "no_such_branch"
    return "child topic outside a variant folder"


def m_child_name_clash(p, r):
    t = _child(p)
    if not t or not p.topics:
        return None
    name = p.topics[0]["body"].get("name")
    if not isinstance(name, str):
        return None
    t["body"]["name"] = name
    return "child topic named like a topic"


def m_child_file_mismatch(p, r):
    t = _child(p)
    if not t:
        return None
    t["file"] = "renamed_topic.yaml"
    return "child topic file not named after it"


def m_child_ok_case_folder(p, r):
    t = _child(p)
    if not t:
        return None
    t["folder"] = p.variants[t["variant"] % len(p.variants)]["name"].replace(" ", "_")
    return "child topic folder in the variant's own case (valid)"


def m_case_name(p, r):
    tc = _case(p)
    if not tc:
        return None
    tc["file"] = "renamed_case.yaml"
    return "test case file not named after it"


def m_case_channel(p, r):
    tc = _case(p)
    if not tc:
        return None
    tc["body"]["channel"] = r.choice(["Voice", "phone", None])
    if tc["body"]["channel"] is None:
        del tc["body"]["channel"]
    return "test case channel"


def m_case_scenario(p, r):
    tc = _case(p)
    if not tc:
        return None
    tc["body"]["scenario"] = ""
    return "empty test case scenario"


def m_case_language(p, r):
    tc = _case(p)
    if not tc:
        return None
    if r.random() < 0.5:
        del tc["body"]["language"]
        return "test case without language"
    tc["body"]["language"] = "en-us"
    return "test case in an unconfigured language"


def m_case_variant(p, r):
    tc = _case(p)
    if not tc or not p.variants:
        return None
    tc["body"]["variant"] = p.variants[0]["name"].lower() + "x"
    return "test case with an unknown variant"


def m_case_function(p, r):
    tc = _case(p)
    if not tc or not tc["body"].get("function_call_assertions"):
        return None
    tc["body"]["function_call_assertions"][0]["name"] = r.choice(["no_such_function", "", "start_function"])
    return "test case asserting an unknown function"


def m_case_value_type(p, r):
    tc = _case(p)
    if not tc or not tc["body"].get("function_call_assertions"):
        return None
    arg = tc["body"]["function_call_assertions"][0]["arguments"][0]
    if r.random() < 0.5:
        arg["value_type"] = r.choice(["date", "String", "float"])
        return "assertion argument with a bad value type"
    del arg["expected_value"]
    return "assertion argument without expected_value"


def m_case_caller_number(p, r):
    tc = _case(p)
    if not tc:
        return None
    tc["body"]["caller_number"] = 14155550143
    return "unquoted caller_number"


def m_lang_invalid(p, r):
    c = getattr(p, "content", None)
    if not c or c["languages"] is None:
        return None
    c["languages"]["additional_languages"].append(r.choice(["es ES", "english", "en--GB"]))
    c["translations"] = []
    return "invalid language code"


# Tags `langcodes.tag_is_valid` refuses though they parse (a country code for the language, an
# unregistered region, script or variant, a part twice, two extended languages), and tags it
# accepts after its replacements (`UK` is `GB`, `eng` is `en`, `iw` is `he`) or as private use
# (`qqq`).
UNREGISTERED = ["jp", "jp-JP", "cz", "en-EN", "es-SP", "en-Latx", "en-GB-oxenfree",
                "de-1901-1901", "en-a-bbb-a-ddd", "sgn-ase-bfi", "JP_jp", "zzz-US", "en-US-POSIX"]
REPLACED = ["en-UK", "es-LA", "eng", "iw", "in", "mo", "zh-Hans-CN", "x-heptapod", "i-klingon",
            "en_gb", "sh-QU", "en-GB-oxendict", "und", "zh-yue-HK", "DE-de-1901", "qqq-US"]


def m_lang_registry(p, r):
    c = getattr(p, "content", None)
    if not c or c["languages"] is None:
        return None
    bad = r.random() < 0.6
    code = r.choice(UNREGISTERED if bad else REPLACED)
    if code in _languages(c):
        return None
    if r.random() < 0.3:
        c["languages"]["default_language"] = code
        for tc in c["cases"]:
            if tc["body"].get("language") == "en-US":
                tc["body"]["language"] = code
    else:
        c["languages"]["additional_languages"].append(code)
    c["translations"] = []
    return "unregistered language code" if bad else "language code valid after replacement"


def m_lang_duplicate(p, r):
    c = getattr(p, "content", None)
    if not c or c["languages"] is None:
        return None
    langs = _languages(c)
    c["languages"]["additional_languages"].append(r.choice(langs))
    return "language given twice"


def m_tr_empty(p, r):
    c = getattr(p, "content", None)
    if not c or not c["translations"]:
        return None
    c["translations"][0]["translations"] = {}
    return "empty translation"


def m_tr_languages(p, r):
    c = getattr(p, "content", None)
    if not c or not c["translations"]:
        return None
    t = c["translations"][0]["translations"]
    if r.random() < 0.5 and len(t) > 1:
        t.pop(next(iter(t)))
        return "translation missing a language"
    t["it-IT"] = "Testo."
    return "translation in an unconfigured language"


MUTATIONS = [m_child_tags, m_child_variant_unknown, m_child_name_clash, m_child_file_mismatch,
             m_child_ok_case_folder, m_case_name, m_case_channel, m_case_scenario, m_case_language,
             m_case_variant, m_case_function, m_case_value_type, m_case_caller_number,
             m_lang_invalid, m_lang_registry, m_lang_duplicate, m_tr_empty, m_tr_languages]
