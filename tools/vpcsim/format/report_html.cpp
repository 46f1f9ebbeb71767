#include "tools/vpcsim/format/report_html.hpp"

namespace vpcsim::cli {
namespace {

std::string html_escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

// JSON inside <script>: "</" would end the element early, so it is written "<\/"
// (the same string to a JSON parser).
std::string script_safe(std::string json) {
  for (size_t at = json.find("</"); at != std::string::npos; at = json.find("</", at + 3)) {
    json.replace(at, 2, "<\\/");
  }
  return json;
}

std::string svg_element(const std::string& svg) {
  size_t start = svg.find("<svg");
  return start == std::string::npos ? svg : svg.substr(start);
}

constexpr const char* kStyle = R"CSS(
body { font-family: system-ui, Helvetica, Arial, sans-serif; margin: 0; color: #222; }
header { padding: 0.6em 1em; background: #f3f5f8; border-bottom: 1px solid #d8dde5; }
header h1 { font-size: 1.3em; margin: 0; }
header p { margin: 0.2em 0 0; color: #555; }
main { display: flex; flex-wrap: wrap; gap: 1em; padding: 1em; }
#diagram { flex: 1 1 100%; overflow: auto; border: 1px solid #d8dde5; border-radius: 6px; }
#diagram svg { width: 100%; max-height: 70vh; height: auto; }
#side { flex: 1 1 100%; }
#probes { list-style: none; padding: 0; margin: 0 0 1em; max-height: 16em; overflow: auto; }
#probes button { width: 100%; text-align: left; font: inherit; font-size: 0.9em; padding: 0.25em 0.5em;
  border: 1px solid transparent; border-radius: 4px; background: none; cursor: pointer; }
#probes button:hover { background: #eef2f7; }
#probes li.selected button { border-color: #4a78c2; background: #e8f0fb; }
.badge { display: inline-block; width: 3.2em; font-weight: bold; }
.pass .badge { color: #1a9850; } .fail .badge { color: #d73027; }
.controls { display: flex; gap: 0.5em; align-items: center; margin-bottom: 0.5em; }
.controls button { font: inherit; padding: 0.3em 0.8em; }
#event-title { font-size: 1.05em; margin: 0.4em 0; }
table.frame { border-collapse: collapse; margin: 0.3em 0 0.6em; font-size: 0.9em; }
table.frame td { border: 1px solid #d8dde5; padding: 0.2em 0.5em; vertical-align: top; }
td.layer, span.layer { font-weight: bold; white-space: nowrap; }
.L1 { color: #666; } .L2 { color: #2166ac; } .L3 { color: #1a7f37; } .L4 { color: #7b3294; } .L34 { color: #b35806; }
#actions { padding-left: 1.2em; font-size: 0.9em; }
#actions li { margin: 0.2em 0; }
#actions li.drop { color: #d73027; font-weight: bold; }
#actions ul { font-family: monospace; font-weight: normal; color: #333; list-style: none; padding-left: 1em; }
.sent { font-size: 0.9em; margin: 0.3em 0; }
pre { background: #f6f8fa; padding: 0.5em; font-size: 0.85em; overflow: auto; }
#diagram g.node.onpath polygon, #diagram g.node.onpath ellipse { stroke: #1a9850; stroke-width: 3; }
#diagram g.edge.onpath path { stroke: #1a9850; stroke-width: 3; }
#diagram g.node.dropnode polygon, #diagram g.node.dropnode ellipse { stroke: #d73027; stroke-width: 4; fill: #fde0dd; }
#diagram g.node.current polygon, #diagram g.node.current ellipse { stroke: #ff7f00; stroke-width: 5; fill: #fff3e0; }
#diagram g.edge.current path { stroke: #ff7f00; stroke-width: 5; }
.legend { font-size: 0.85em; color: #555; margin: 0.3em 0; }
)CSS";

constexpr const char* kScript = R"JS(
(function () {
  'use strict';
  var log = [];
  function flush() { document.getElementById('test-log').textContent = log.join('\n'); }
  window.addEventListener('error', function (e) { log.push('ERROR: ' + e.message); flush(); });
  var data = JSON.parse(document.getElementById('lesson-data').textContent);
  var params = new URLSearchParams(window.location.search);
  var probe = 0, step = 0, timer = null;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function layerClass(layer) { return layer.replace('/', ''); }
  function mark(id, cls) {
    if (!id) return;
    var e = document.getElementById(id);
    if (e) e.classList.add(cls);
  }
  function clearMarks() {
    ['current', 'onpath', 'dropnode'].forEach(function (cls) {
      document.querySelectorAll('#diagram .' + cls).forEach(function (e) { e.classList.remove(cls); });
    });
  }
  function frameTable(frame) {
    var t = el('table', 'frame');
    frame.forEach(function (h) {
      var tr = el('tr');
      tr.appendChild(el('td', 'layer ' + layerClass(h.layer), h.layer));
      tr.appendChild(el('td', '', h.protocol));
      tr.appendChild(el('td', '', h.text));
      t.appendChild(tr);
    });
    return t;
  }
  function currentEvent() {
    var p = data.probes[probe];
    return p.events.length ? p.events[step] : null;
  }
  function render() {
    var p = data.probes[probe];
    document.querySelectorAll('#probes li').forEach(function (li, i) {
      li.classList.toggle('selected', i === probe);
    });
    clearMarks();
    p.path_nodes.forEach(function (id) { mark(id, 'onpath'); });
    p.path_edges.forEach(function (id) { mark(id, 'onpath'); });
    mark(p.drop_node, 'dropnode');
    document.getElementById('tool-output').textContent = p.tool_output;
    document.getElementById('verdict').textContent =
        (p.passed ? 'PASS' : 'FAIL') + ': ' + p.label + ': ' + p.detail +
        (p.explanation ? ' (why: ' + p.explanation + ')' : '');
    var title = document.getElementById('event-title');
    var frame = document.getElementById('frame');
    var actions = document.getElementById('actions');
    var sent = document.getElementById('sent');
    frame.textContent = ''; actions.textContent = ''; sent.textContent = '';
    var e = currentEvent();
    document.getElementById('position').textContent =
        e ? 'event ' + (step + 1) + ' of ' + p.events.length : 'no packets (a table check)';
    if (!e) { title.textContent = ''; return; }
    mark(e.node, 'current');
    mark(e.edge, 'current');
    title.textContent = '#' + e.index + ' [' + e.time + '] ' + e.device + ' (' + e.kind + ') ' +
        (e.how === 'created' ? 'creates a frame' : e.how) + (e.leg > 1 ? ' (leg ' + e.leg + ')' : '');
    frame.appendChild(frameTable(e.frame));
    e.actions.forEach(function (a) {
      var li = el('li', a.drop ? 'drop' : '');
      li.appendChild(el('span', 'layer ' + layerClass(a.layer), a.layer + ' '));
      li.appendChild(el('span', '', a.label + ': ' + a.text));
      if (a.notes.length) {
        var ul = el('ul');
        a.notes.forEach(function (n) { ul.appendChild(el('li', '', n)); });
        li.appendChild(ul);
      }
      actions.appendChild(li);
    });
    e.sent.forEach(function (s) {
      var d = el('div', 'sent');
      d.appendChild(el('div', '', 'sent on ' + s.port + ', changed: ' + s.changes.join('; ')));
      d.appendChild(frameTable(s.frame));
      sent.appendChild(d);
    });
  }
  function go(k) {
    var n = data.probes[probe].events.length;
    step = Math.max(0, Math.min(k, n ? n - 1 : 0));
    render();
  }
  function stop() {
    if (timer) { clearInterval(timer); timer = null; }
    document.getElementById('play').textContent = 'Play';
  }
  function select(i) { stop(); probe = i; step = 0; render(); }

  var list = document.getElementById('probes');
  data.probes.forEach(function (p, i) {
    var li = el('li', p.passed ? 'pass' : 'fail');
    var b = el('button');
    b.appendChild(el('span', 'badge', p.passed ? 'PASS' : 'FAIL'));
    b.appendChild(document.createTextNode(p.label + '  ' + p.status));
    b.addEventListener('click', function () { select(i); });
    li.appendChild(b);
    list.appendChild(li);
  });
  document.getElementById('prev').addEventListener('click', function () { stop(); go(step - 1); });
  document.getElementById('next').addEventListener('click', function () { stop(); go(step + 1); });
  document.getElementById('play').addEventListener('click', function () {
    if (timer) { stop(); return; }
    this.textContent = 'Pause';
    timer = setInterval(function () {
      if (step + 1 >= data.probes[probe].events.length) { stop(); return; }
      go(step + 1);
    }, 900);
  });
  document.addEventListener('keydown', function (ev) {
    if (ev.key === 'ArrowRight') { stop(); go(step + 1); }
    if (ev.key === 'ArrowLeft') { stop(); go(step - 1); }
  });

  if (data.probes.length === 0) return;
  var start = parseInt(params.get('probe') || '1', 10) - 1;
  select(start >= 0 && start < data.probes.length ? start : 0);
  go(parseInt(params.get('step') || '1', 10) - 1);

  if (params.has('test')) {
    var keep = [probe, step];
    data.probes.forEach(function (p, i) {
      select(i);
      for (var k = 0; k < p.events.length; k++) {
        go(k);
        var node = document.querySelector('#diagram g.node.current');
        var edge = document.querySelector('#diagram g.edge.current');
        log.push('probe ' + (i + 1) + ' step ' + (k + 1) + ' node=' + (node ? node.id : '-') +
                 ' edge=' + (edge ? edge.id : '-') + ' actions=' +
                 document.querySelectorAll('#actions > li').length);
      }
      if (!p.events.length) log.push('probe ' + (i + 1) + ' no events');
    });
    select(keep[0]);
    go(keep[1]);
    log.push('DONE');
  }
  flush();
})();
)JS";

}  // namespace

std::string report_html(const nlohmann::ordered_json& data, const std::string& svg) {
  std::string title = data.value("title", std::string("vpcsim lesson"));
  std::string subtitle = data.value("subtitle", std::string());
  std::string out;
  out += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += "<meta name=\"generator\" content=\"vpcsim report\">\n";
  out += "<title>" + html_escape(title) + "</title>\n<style>" + kStyle + "</style>\n</head>\n<body>\n";
  out += "<header><h1>" + html_escape(title) + "</h1><p>" + html_escape(subtitle) + "</p></header>\n";
  out += "<main>\n<section id=\"diagram\" aria-label=\"topology diagram\">\n" + svg_element(svg) +
         "</section>\n";
  out += R"HTML(<section id="side">
<ol id="probes"></ol>
<div class="controls"><button id="prev" type="button">Previous</button><button id="play" type="button">Play</button><button id="next" type="button">Next</button><span id="position"></span></div>
<p id="verdict"></p>
<p class="legend">On the diagram: <span class="L3">green</span> the probe's path, <span style="color:#d73027">red</span> where it was dropped, <span style="color:#ff7f00">orange</span> the device of the current event and the link its frame came in on. Keys: left/right arrows step.</p>
<h2 id="event-title"></h2>
<div id="frame"></div>
<ul id="actions"></ul>
<div id="sent"></div>
<details><summary>Tool output</summary><pre id="tool-output"></pre></details>
</section>
</main>
<pre id="test-log" hidden></pre>
)HTML";
  out += "<script type=\"application/json\" id=\"lesson-data\">" + script_safe(data.dump()) +
         "</script>\n";
  out += std::string("<script>") + kScript + "</script>\n</body>\n</html>\n";
  return out;
}

}  // namespace vpcsim::cli
