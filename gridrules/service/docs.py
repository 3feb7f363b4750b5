"""The API's description: OpenAPI 3.1 from the models, and a docs page that needs no network.

FastAPI's own docs page loads Swagger UI from a CDN; a district's intranet often
has none.  ``/docs`` is a small self-contained page that reads ``/openapi.json``
and lists every endpoint, the role it needs, its parameters and its schemas.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from fastapi.responses import HTMLResponse
from pydantic import BaseModel

from gridrules.catalogue import MESSAGES, language, t
from gridrules.log.export import EXPORT_MOST

from .answers import JSON
from .requests import BODY_MODELS  # the request bodies the service validates itself
from .shapes import ANSWERS


def openapi_with_models(app: FastAPI) -> dict[str, Any]:
    """The generated document, plus the models the request bodies and NDJSON lines refer to
    (``requests.request_schema``, ``requests.ndjson_answer``), its words in the request's language
    (``described``): one document per language, made once."""
    made: dict[str, dict[str, Any]] | None = getattr(app.state, "openapi_by_language", None)
    if made is None:
        made = app.state.openapi_by_language = {}
    lang = language()
    if lang not in made:
        schema = get_openapi(title=app.title, version=app.version, routes=app.routes)
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        for model in BODY_MODELS.values():
            found = model_schema(model)
            components.update(found.pop("$defs", {}))
            components.setdefault(model.__name__, found)
        answered(schema, components)
        made[lang] = described(schema)
    return made[lang]


def answered(schema: dict[str, Any], components: dict[str, Any]) -> None:
    """Each operation's JSON answers given their models (``shapes.ANSWERS``): the schema FastAPI leaves
    empty (the endpoints answer a ``Response``), or the answer it does not know of (a 200 sent again, /healthz's 503)."""
    for (method, path), by_status in ANSWERS.items():
        operation = schema["paths"][path][method]
        for status, model in by_status.items():
            found = model.model_json_schema(ref_template="#/components/schemas/{model}", mode="serialization")
            for name, definition in found.pop("$defs", {}).items():
                components.setdefault(name, definition)
            components.setdefault(model.__name__, found)
            response = operation["responses"].setdefault(str(status), {"description": model.__doc__ or model.__name__})
            response["content"] = {JSON: {"schema": {"$ref": f"#/components/schemas/{model.__name__}"}}}


# what the parameters' descriptions name (``{most}``), from where it is declared
FILLED = {"most": f"{EXPORT_MOST:,}"}


def described(schema: dict[str, Any]) -> dict[str, Any]:
    """``schema`` in the catalogue's words (catalogue/api.py): the API's description, how to
    authenticate, each operation's summary (``api.<METHOD> <path>``; an operation the catalogue does
    not name keeps the summary its route gives) and each parameter's description (``api.?<name>``)."""
    schema["info"]["description"] = t("api.description")
    for scheme in schema.get("components", {}).get("securitySchemes", {}).values():
        scheme["description"] = t("api.bearer")
    for path, operations in schema.get("paths", {}).items():
        for method, operation in operations.items():
            key = f"api.{method.upper()} {path}"
            if key in MESSAGES:
                operation["summary"] = t(key)
            for parameter in operation.get("parameters", []):
                if f"api.?{parameter['name']}" in MESSAGES:
                    parameter["description"] = t(f"api.?{parameter['name']}", **FILLED)
    return schema


def model_schema(model: type[BaseModel]) -> dict[str, Any]:
    return model.model_json_schema(ref_template="#/components/schemas/{model}")


PAGE = """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>gridrules 服务接口</title>
<style>
body{font-family:system-ui,sans-serif;margin:2em auto;max-width:60em;padding:0 1em;color:#222}
h2{border-bottom:1px solid #ccc;padding-bottom:.2em}
.op{margin:1em 0;padding:.6em .8em;border-left:4px solid #4a7;background:#f7f7f7}
.m{font-weight:bold;display:inline-block;min-width:4em}
code,pre{background:#eee;padding:0 .2em}
pre{padding:.5em;overflow:auto;max-height:20em}
</style></head><body>
<h1>gridrules 服务接口</h1>
<p>认证：<code>Authorization: Bearer &lt;令牌&gt;</code>（令牌由 <code>gridrules token issue</code> 签发）。
机器可读的接口描述：<a href="openapi.json">openapi.json</a>（OpenAPI 3.1）。</p>
<div id="ops">正在读取 openapi.json …</div>
<script>
function esc(s){return String(s).replace(/[&<>"]/g,c=>({'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;'}[c]))}
fetch('openapi.json').then(r=>r.json()).then(doc=>{
  let html='', schemas=(doc.components||{}).schemas||{};
  for(const [path,ops] of Object.entries(doc.paths)){
    for(const [method,op] of Object.entries(ops)){
      html+='<div class="op"><span class="m">'+method.toUpperCase()+'</span> <code>'+esc(path)+'</code> — '+esc(op.summary||'');
      if(op.description) html+='<p>'+esc(op.description).replace(/\\n/g,'<br>')+'</p>';
      for(const p of op.parameters||[]) html+='<div>参数 <code>'+esc(p.name)+'</code>（'+esc(p.in)+(p.required?'，必填':'')+'）'+esc((p.schema||{}).description||p.description||'')+'</div>';
      const body=(op.requestBody||{}).content;
      if(body) for(const [media,c] of Object.entries(body)){const ref=((c.schema||{})['$ref']||'').split('/').pop();
        html+='<div>请求体 <code>'+esc(media)+'</code> '+(ref?'<a href="#s-'+esc(ref)+'">'+esc(ref)+'</a>':'')+'</div>';}
      html+='</div>';
    }
  }
  html+='<h2>数据结构</h2>';
  for(const [name,s] of Object.entries(schemas)) html+='<h3 id="s-'+esc(name)+'">'+esc(name)+'</h3><pre>'+esc(JSON.stringify(s,null,2))+'</pre>';
  document.getElementById('ops').innerHTML=html;
}).catch(e=>{document.getElementById('ops').textContent='无法读取 openapi.json：'+e});
</script></body></html>
"""


def install(app: FastAPI) -> None:
    app.openapi = lambda: openapi_with_models(app)  # type: ignore[method-assign]

    @app.get("/docs", include_in_schema=False)
    async def docs() -> HTMLResponse:
        return HTMLResponse(PAGE)
