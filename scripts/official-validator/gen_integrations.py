"""MCP servers (`config/mcp.yaml`), API integrations (`config/api_integrations.yaml`) and the
test-case fields around them (`simulated_at`, `integration_attributes`, `api_mocks`) for the
generated projects, as polyai-adk 0.73.2 reads them (`resources/mcp.py`,
`resources/api_integration.py`, `resources/test_suite.py`).

`extend(p, r)` adds valid content of these kinds (after gen_content.py has added the test
cases); each `m_*` in `MUTATIONS` damages it the way an author would and says what it did (None
when it does not apply). The files are written from `p.integrations` when the project is
written, so the mutations can edit the structures first.
"""

from projectgen import Raw, dump_yaml

MCP = "config/mcp.yaml"
API = "config/api_integrations.yaml"
API_NAMES = ["booking_api", "crm", "orders_v2", "_internal"]
PROVIDERS = ["acme-tools", "Outils Café", "zendesk", "github_mcp"]
PATHS = ["/bookings/{booking_id}", "/tables", "/orders/{order_id}/items?expand=true",
         "/v1/customers/{id};version=2", "/search?q={query}&page={page}", "/a%20b/~x"]
AUTH_TYPES = ["none", "basic", "apiKey", "oauth2", "oauth2_client_credentials",
              "jwt_client_assertion"]
GOOD_TIMES = ["2026-01-15T09:30:00Z", "2026-01-15", "2026-01-15 09:30", "20260115T0930",
              "2026-W03-4", "2026W034T10:15", "2026-01-15T09:30:00.123456+05:30",
              "2026-01-15T09:30:00,5-08:00", "  2026-06-01T12:00:00Z  ", "2026-01-15T0930Z"]
BAD_TIMES = ["15/01/2026", "2026-13-01", "2026-01-15T25:00", "2026-02-30", "tomorrow",
             "2026-01-15T09:30:00+24:00", "0001-01-01T00:00+01:00", "2026-1-5", "2026-W54",
             "2026-01-15T09:3", "2026-01-15T", "2026-01-15T09:30:00ZZ", "2026-01-15 9:30"]


def _api(r, name):
    envs = {}
    for env in r.sample(["sandbox", "pre-release", "live"], r.randint(0, 3)):
        key = env if env != "pre-release" else r.choice(["pre-release", "pre_release"])
        auth = r.choice(AUTH_TYPES)
        cfg = {"base_url": f"https://{env}.example.com/api", "auth_type": auth}
        if auth == "none" and r.random() < 0.3:
            cfg = {"auth_type": "none"}
        if r.random() < 0.2:
            cfg = {"baseUrl": cfg.get("base_url", ""), "authType": auth}
        envs[key] = cfg
    ops = []
    for i, path in enumerate(r.sample(PATHS, r.randint(1, 3))):
        ops.append({"name": r.choice(["get_booking", "list_tables", "update", "search"]) + str(i),
                    "method": r.choice(["GET", "POST", "put", "Patch", "DELETE"]),
                    "resource": path})
    body = {"name": name}
    if r.random() < 0.6:
        body["description"] = r.choice(["Réservations", "CRM lookups\nand updates", ""])
    if envs:
        body["environments"] = envs
    body["operations"] = ops
    return body


def _mcp(r, provider):
    body = {"provider_id": provider,
            "url": r.choice(["https://mcp.acme.com/sse", "http://localhost:8080/mcp",
                             "https://café.example/mcp?v=2#x"])}
    kind = r.choice(["none", "header", "query", "oauth", "empty"])
    if kind == "header":
        body["auth"] = {"header": "X-API-Key", r.choice(["secret_name", "secretName"]): "acme_key"}
    elif kind == "query":
        body["auth"] = {"query_param": "key", "secret_name": "acme_key"}
    elif kind == "oauth":
        body["auth"] = {"oauth": {r.choice(["client_id", "clientId"]): "abc",
                                  "client_secret_name": "s", "token_url": "https://auth.example/t",
                                  "scope": "read"}}
    elif kind == "empty":
        body["auth"] = {}
    if r.random() < 0.5:
        body["timeout"] = r.randint(1, 30)
    if r.random() < 0.5:
        body["enabled_functions"] = r.sample(["search", "create_ticket", "close"], r.randint(0, 3))
    return body


def _cases(p):
    c = getattr(p, "content", None)
    return c["cases"] if c else []


def _render(p):
    g = p.integrations
    out = {}
    if g["apis"] is not None:
        out[API] = dump_yaml({"api_integrations": g["apis"]}) if g["apis"] else "api_integrations: []\n"
    if g["mcps"] is not None:
        out[MCP] = dump_yaml({"mcp_servers": g["mcps"]}) if g["mcps"] else "mcp_servers: []\n"
    for path, text in g.get("raw", {}).items():
        out[path] = text
    return out


def extend(p, r):
    g = p.integrations = {"apis": None, "mcps": None, "raw": {}}
    if r.random() < 0.4:
        g["apis"] = [_api(r, n) for n in r.sample(API_NAMES, r.randint(1, 2))]
    if r.random() < 0.3:
        g["mcps"] = [_mcp(r, n) for n in r.sample(PROVIDERS, r.randint(1, 2))]
    for tc in _cases(p):
        body = tc["body"]
        if r.random() < 0.4:
            t = r.choice(GOOD_TIMES + ["unquoted", "int"])
            body["simulated_at"] = (Raw("2026-01-15 09:30:00") if t == "unquoted"
                                    else 20260115 if t == "int" else t)
        if r.random() < 0.3:
            body["integration_attributes"] = {"member": {"tier": "gold", "expiry": "2026-08-12",
                                                         "visits": 3, "flags": [True, None]}}
        if g["apis"] and r.random() < 0.5:
            api = r.choice(g["apis"])
            op = r.choice(api["operations"])["name"]
            rules = [{"respond": {"status": 200, "body": {"ok": True, "id": "B-1"},
                                  "headers": {"X-Trace": "abc"}}}]
            if r.random() < 0.5:
                rules.insert(0, {"respond": {"status": 503}, "repeat": 2})
                rules[-1]["repeat"] = -1
            body["api_mocks"] = {api["name"]: {op: rules}}
    base_files = p.files
    p.files = lambda: {**base_files(), **_render(p)}


# ---- mutations ---------------------------------------------------------------------------------


def _apis(p):
    g = getattr(p, "integrations", None)
    return g["apis"] if g and g["apis"] else None


def _mcps(p):
    g = getattr(p, "integrations", None)
    return g["mcps"] if g and g["mcps"] else None


def m_api_name(p, r):
    a = _apis(p)
    if not a:
        return None
    a[0]["name"] = r.choice(["Booking-API", "1crm", "my crm", "crmé", "CRM"])
    return "API integration name that is no Python name"


def m_api_base_url(p, r):
    a = _apis(p)
    if not a:
        return None
    a[0].setdefault("environments", {})["live"] = {
        "base_url": r.choice(["ftp://x", "https://", "https://a b", "api.example.com", Raw("")]),
        "auth_type": "basic"}
    return "API environment base_url"


def m_api_auth_type(p, r):
    a = _apis(p)
    if not a:
        return None
    a[0].setdefault("environments", {})["sandbox"] = {
        "base_url": "https://x.example", "auth_type": r.choice(["api_key", "Basic", "bearer", 5])}
    return "API environment auth_type"


def m_api_empty_url_with_auth(p, r):
    a = _apis(p)
    if not a:
        return None
    a[0].setdefault("environments", {})["pre-release"] = {"auth_type": r.choice(["basic", "oauth2"])}
    return "API environment with an auth type and no base_url"


def m_api_method(p, r):
    a = _apis(p)
    if not a:
        return None
    op = a[0]["operations"][0]
    v = r.choice(["FETCH", "HEAD", "", None, 5])
    if v is None:
        del op["method"]
    else:
        op["method"] = v
    return "API operation method"


def m_api_resource(p, r):
    a = _apis(p)
    if not a:
        return None
    op = a[0]["operations"][0]
    v = r.choice(["bookings/{id}", "/a b", "/x/{1d}", "/café", "", None, 5, "/a}"])
    if v is None:
        del op["resource"]
    else:
        op["resource"] = v
    return "API operation resource"


def m_api_op_name(p, r):
    a = _apis(p)
    if not a:
        return None
    op = a[0]["operations"][0]
    if r.random() < 0.5:
        del op["name"]
    else:
        op["name"] = ""
    return "API operation without a name"


def m_api_op_duplicate(p, r):
    a = _apis(p)
    if not a:
        return None
    op = dict(a[0]["operations"][0])
    op["method"] = op["method"].lower() if isinstance(op["method"], str) else op["method"]
    a[0]["operations"].append(op)
    return "duplicate API operation"


def m_api_shape(p, r):
    a = _apis(p)
    if not a:
        return None
    kind = r.choice(["desc", "envs", "env", "ops", "item", "list"])
    if kind == "desc":
        a[0]["description"] = 5
    elif kind == "envs":
        a[0]["environments"] = Raw("[sandbox]")
    elif kind == "env":
        a[0]["environments"] = {"live": Raw("https://x.example")}
    elif kind == "ops":
        a[0]["operations"] = Raw("get_booking")
    elif kind == "item":
        a.append(Raw("crm"))
        p.integrations["raw"][API] = "api_integrations:\n  - crm\n"
    else:
        p.integrations["raw"][API] = "api_integrations:\n"
    return f"API integrations shape ({kind})"


def m_api_unnamed_or_twice(p, r):
    a = _apis(p)
    if not a:
        return None
    if r.random() < 0.5:
        a.append({"description": "no name"})
        return "API integration without a name (skipped)"
    a.append(dict(a[0]))
    return "API integration twice (read once)"


def m_mcp_url(p, r):
    m = _mcps(p)
    if not m:
        return None
    v = r.choice(["mcp.acme.com", "ftp://x", "https://", "https://?x", "https://a b", "", None, 5])
    if v is None:
        del m[0]["url"]
    else:
        m[0]["url"] = v
    return "MCP server url"


def m_mcp_timeout(p, r):
    m = _mcps(p)
    if not m:
        return None
    m[0]["timeout"] = r.choice([0, 31, 60, -1, 1.5, "10", True])
    return "MCP server timeout"


def m_mcp_auth(p, r):
    m = _mcps(p)
    if not m:
        return None
    m[0]["auth"] = r.choice([
        {"header": "X-Key"}, {"query_param": "k"}, {"secret_name": "s"},
        {"header": "X-Key", "query_param": "k", "secret_name": "s"},
        {"header": "X-Key", "secret_name": "s", "oauth": {"client_id": "a"}},
        {"oauth": {"client_id": "a"}}, {"oauth": {"client_id": "a", "client_secret_name": "b",
                                                  "token_url": "auth.example"}},
        {"oauth": {"client_id": "a", "client_secret_name": "b", "token_url": "https://t"},
         "secret_name": "s"},
        Raw("key"), {"oauth": Raw("[a]")}, {"header": 5, "secret_name": "s"},
        {"queryParam": "k", "secretName": "s"}])
    return "MCP server auth"


def m_mcp_functions(p, r):
    m = _mcps(p)
    if not m:
        return None
    m[0]["enabled_functions"] = r.choice([["a", "b", "a"], ["a", ""], Raw("[a, null]"),
                                          Raw("search"), ["a", 3]])
    return "MCP enabled_functions"


def m_mcp_provider(p, r):
    m = _mcps(p)
    if not m:
        return None
    kind = r.choice(["dup", "clean", "empty", "none", "int", "item"])
    if kind == "dup":
        m.append(dict(m[0]))
    elif kind == "clean":
        other = dict(m[0])
        other["provider_id"] = str(m[0]["provider_id"]) + " "
        m.append(other)
    elif kind == "empty":
        m[0]["provider_id"] = "!!"
    elif kind == "none":
        del m[0]["provider_id"]
    elif kind == "int":
        m[0]["provider_id"] = 5
    else:
        p.integrations["raw"][MCP] = "mcp_servers:\n  - acme\n"
    return f"MCP provider id ({kind})"


def m_mcp_shape(p, r):
    m = _mcps(p)
    if not m:
        return None
    p.integrations["raw"][MCP] = r.choice(["mcp_servers: 5\n", "mcp_servers: {a: 1}\n",
                                           "- x\n", "mcp_servers:\n", "other: 1\n"])
    return "MCP file shape"


def _case(p):
    cs = _cases(p)
    return cs[0]["body"] if cs else None


def m_case_simulated_at(p, r):
    b = _case(p)
    if not b:
        return None
    b["simulated_at"] = r.choice(BAD_TIMES + [Raw("true"), Raw("[a]"), 5, 1.5])
    return "invalid simulated_at"


def m_case_simulated_at_edge(p, r):
    b = _case(p)
    if not b:
        return None
    b["simulated_at"] = r.choice(["2026-01-15é10:00", "2026-01-15T10-05", "2026-W01-1T10",
                                  "2026-01-15T10:00:00+00:60", "2020-W53", "2026-W53", "",
                                  "2026-01-15T10:00:00.1234567", Raw("2026-01-15")])
    return "simulated_at in a rarer ISO form"


def m_case_attribute(p, r):
    b = _case(p)
    if not b:
        return None
    kind = r.choice(["date", "nested", "key", "list", "ok"])
    if kind == "date":
        b["integration_attributes"] = {"expiry": Raw("2026-08-12")}
    elif kind == "nested":
        b["integration_attributes"] = {"m": {"dates": [Raw("2026-08-12")]}}
    elif kind == "key":
        b["integration_attributes"] = {"m": {1: "a"}} if r.random() < 0.5 else {True: "a"}
    elif kind == "list":
        b["integration_attributes"] = ["a", "b"]
    else:
        b["integration_attributes"] = {"expiry": "2026-08-12", "n": 2.5}
    return f"integration attributes ({kind})"


def m_case_mock(p, r):
    b = _case(p)
    if not b:
        return None
    a = _apis(p)
    name = a[0]["name"] if a else "crm"
    op = a[0]["operations"][0].get("name", "op") if a else "op"
    kind = r.choice(["unknown", "op", "status", "repeat", "last", "rules", "empty", "header",
                     "body", "shape", "respond", "empty_name"])
    rule = {"respond": {"status": 200}}
    mocks = {name: {op: [rule]}}
    if kind == "unknown":
        mocks = {name + "_x": {op: [rule]}}
    elif kind == "op":
        mocks = {name: {str(op) + "_x": [rule]}}
    elif kind == "status":
        rule["respond"]["status"] = r.choice([99, 600, "200", 200.0, None, True])
    elif kind == "repeat":
        rule["repeat"] = r.choice([0, -2, "2", True, 1.0])
    elif kind == "last":
        mocks = {name: {op: [{"respond": {"status": 500}, "repeat": -1}, rule]}}
    elif kind == "rules":
        mocks = {name: {op: {"respond": {"status": 200}}}}
    elif kind == "empty":
        mocks = {name: {op: []}}
    elif kind == "header":
        rule["respond"]["headers"] = r.choice([{"": "a"}, {1: "a"}, Raw("[a]")])
    elif kind == "body":
        rule["respond"]["body"] = {"when": Raw("2026-01-01")}
    elif kind == "shape":
        mocks = r.choice([Raw("[a]"), {name: Raw("[a]")}, {name: {op: [Raw("x")]}}])
    elif kind == "respond":
        rule["respond"] = Raw("ok")
    else:
        mocks = {"": {op: [rule]}} if r.random() < 0.5 else {name: {"": [rule]}}
    b["api_mocks"] = mocks
    return f"API mock ({kind})"


MUTATIONS = [m_api_name, m_api_base_url, m_api_auth_type, m_api_empty_url_with_auth, m_api_method,
             m_api_resource, m_api_op_name, m_api_op_duplicate, m_api_shape, m_api_unnamed_or_twice,
             m_mcp_url, m_mcp_timeout, m_mcp_auth, m_mcp_functions, m_mcp_provider, m_mcp_shape,
             m_case_simulated_at, m_case_simulated_at_edge, m_case_attribute, m_case_mock]
