// The activity log page: polls /activity about once a second and renders it.
// Every value from the API reaches the DOM through textContent or setAttribute, never through HTML
// parsing, so event names, attributes and properties cannot inject markup or script.
(function () {
  "use strict";

  var POLL_MS = 1000;
  var lastText = null;
  var lastData = null;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  function json(value) {
    return JSON.stringify(value, null, 2);
  }

  function scalar(value) {
    if (value === null) return "null";
    if (typeof value === "object") return JSON.stringify(value);
    if (typeof value === "string") return JSON.stringify(value);
    return String(value);
  }

  function time(iso) {
    var d = new Date(iso);
    return isNaN(d.getTime()) ? String(iso) : d.toLocaleTimeString();
  }

  function when(iso) {
    var d = new Date(iso);
    return isNaN(d.getTime()) ? String(iso) : d.toLocaleString();
  }

  function unix(seconds) {
    var d = new Date(seconds * 1000);
    return isNaN(d.getTime()) ? String(seconds) : d.toLocaleString();
  }

  function iso(seconds) {
    var d = new Date(seconds * 1000);
    return isNaN(d.getTime()) ? null : d.toISOString().replace(".000Z", "Z");
  }

  // A person's identify calls repeat the same mistake on every call: each distinct violation is listed
  // once, with how many times it happened.
  function violationList(violations) {
    var ul = el("ul", "violations");
    var seen = {};
    var order = [];
    violations.forEach(function (v) {
      var text = (v.path ? v.path + ": " : "") + v.message;
      if (v.subject && v.subject.indexOf("event ") !== 0) text = v.subject + " " + text;
      if (!Object.prototype.hasOwnProperty.call(seen, text)) {
        seen[text] = 0;
        order.push(text);
      }
      seen[text]++;
    });
    order.forEach(function (text) {
      var li = el("li", "violation", text);
      if (seen[text] > 1) li.appendChild(el("span", "times", "\u00D7" + seen[text]));
      ul.appendChild(li);
    });
    return ul;
  }

  // unixNames: the keys the plan declares as format unix-time; they also show as dates
  function kvTable(object, unixNames) {
    var keys = Object.keys(object || {});
    var dl = el("div", "kv");
    keys.forEach(function (k) {
      dl.appendChild(el("span", "k", k));
      var v = el("span", "v", scalar(object[k]));
      if (unixNames && unixNames.indexOf(k) >= 0 && typeof object[k] === "number") {
        var date = iso(object[k]);
        if (date) {
          var d = el("span", "date", date);
          d.setAttribute("data-unix-time", k);
          v.appendChild(d);
        }
      }
      dl.appendChild(v);
    });
    return dl;
  }

  function eventItem(e) {
    var li = el("li", "event" + (e.violations.length ? " violated" : ""));
    li.setAttribute("data-event", e.name);
    var head = el("div", "event-head");
    head.appendChild(el("span", "event-name", e.name));
    if (e.type !== "event") head.appendChild(el("span", "type", e.type));
    if (e.id) head.appendChild(el("span", "chip", "id " + e.id));
    if (e.anonymous_id) head.appendChild(el("span", "chip", "anonymous " + e.anonymous_id));
    if (e.can_trigger === false) {
      var stale = el("span", "chip stale", "can trigger: no");
      stale.title = "its timestamp was over 72 hours old when it arrived: Customer.io triggers no campaign on it";
      stale.setAttribute("data-can-trigger", "no");
      head.appendChild(stale);
    } else if (e.can_trigger === true && e.type === "event") {
      var ok = el("span", "chip trigger-ok", "can trigger: yes");
      ok.setAttribute("data-can-trigger", "yes");
      head.appendChild(ok);
    }
    var t = el("span", "time", unix(e.timestamp));
    t.title = "received " + e.received_at;
    head.appendChild(t);
    li.appendChild(head);
    if (Object.keys(e.properties || {}).length) li.appendChild(el("pre", "props", json(e.properties)));
    if (e.note) li.appendChild(el("div", "note", e.note));
    if (e.violations.length) li.appendChild(violationList(e.violations));
    return li;
  }

  function eventList(events) {
    var ul = el("ul", "events");
    // newest first: what just happened is what one looks for
    for (var i = events.length - 1; i >= 0; i--) ul.appendChild(eventItem(events[i]));
    return ul;
  }

  function matches(filter, value) {
    if (!filter) return true;
    return JSON.stringify(value).toLowerCase().indexOf(filter) >= 0;
  }

  function renderCounts(data) {
    var c = data.counts;
    var box = document.getElementById("counts");
    clear(box);
    [
      ["people", "people"], ["events", "events"], ["anonymous_events", "anonymous events"],
      ["calls", "calls"], ["failed_calls", "failed calls"], ["violations", "plan violations"],
      ["deduplicated", "deduplicated"], ["cannot_trigger", "cannot trigger"], ["not_merged", "anonymous not merged"],
      ["anonymous_expired", "anonymous expired"], ["evicted", "evicted"], ["ignored", "ignored"],
      ["objects", "objects"], ["relationships", "relationships"]
    ].forEach(function (pair) {
      var value = c[pair[0]];
      var alert = value > 0 && (pair[0] === "violations" || pair[0] === "failed_calls" ||
          pair[0] === "cannot_trigger" || pair[0] === "not_merged");
      var tile = el("div", "count" + (alert ? " alert" : ""));
      tile.setAttribute("data-count", pair[0]);
      tile.appendChild(el("div", "n", value));
      tile.appendChild(el("div", "label", pair[1]));
      box.appendChild(tile);
    });
  }

  function renderPeople(data, filter) {
    var box = document.getElementById("people");
    clear(box);
    document.getElementById("people-count").textContent = String(data.people.length);
    var shown = data.people.filter(function (p) { return matches(filter, p); });
    if (!shown.length) {
      box.appendChild(el("p", "empty", data.people.length ? "No person matches the filter." :
          "No people yet. Send an identify or an event to this emulator."));
      return;
    }
    // most recently active first
    shown.slice().reverse().sort(function (a, b) { return a.updated_at < b.updated_at ? 1 : a.updated_at > b.updated_at ? -1 : 0; })
      .forEach(function (p) {
        var violated = p.violations.length > 0 || p.events.some(function (e) { return e.violations.length > 0; });
        var card = el("article", "person" + (violated ? " violated" : ""));
        card.setAttribute("data-person", p.display_name);
        var head = el("div", "person-head");
        head.appendChild(el("span", "person-name", p.display_name));
        if (p.id) head.appendChild(el("span", "chip", "id " + p.id));
        if (p.email) head.appendChild(el("span", "chip", "email " + p.email));
        if (p.phone) head.appendChild(el("span", "chip", "phone " + p.phone));
        head.appendChild(el("span", "chip", "cio_" + p.cio_id));
        p.anonymous_ids.forEach(function (a) { head.appendChild(el("span", "chip", "anonymous " + a)); });
        card.appendChild(head);
        if (Object.keys(p.attributes).length) card.appendChild(kvTable(p.attributes, data.emulator.unix_time_attributes));
        if (p.violations.length) card.appendChild(violationList(p.violations));
        if (p.devices.length) {
          var devices = el("div", "kv");
          p.devices.forEach(function (d) {
            devices.appendChild(el("span", "k", "device " + d.platform));
            devices.appendChild(el("span", "v", d.token));
          });
          card.appendChild(devices);
        }
        if (p.relationships && p.relationships.length) {
          var related = el("div", "relationships");
          p.relationships.forEach(function (r) {
            var chip = el("span", "chip relationship", "related to " + r.object_type_id + "/" + r.object_id +
                (Object.keys(r.attributes).length ? " " + scalar(r.attributes) : ""));
            chip.setAttribute("data-related-to", r.object_type_id + "/" + r.object_id);
            related.appendChild(chip);
            related.appendChild(document.createTextNode(" "));
          });
          card.appendChild(related);
        }
        if (p.events.length) card.appendChild(eventList(p.events));
        box.appendChild(card);
      });
  }

  // Customer.io objects (companies, accounts...), each with its attributes and the people related to it.
  function renderObjects(data, filter) {
    var box = document.getElementById("objects");
    clear(box);
    var all = data.objects || [];
    document.getElementById("objects-count").textContent = String(all.length);
    var shown = all.filter(function (o) { return matches(filter, o); });
    if (!shown.length) {
      box.appendChild(el("p", "empty", all.length ? "No object matches the filter." : "No objects yet."));
      return;
    }
    shown.forEach(function (o) {
      var name = o.object_type_id + "/" + o.object_id;
      var card = el("article", "object");
      card.setAttribute("data-object", name);
      var head = el("div", "person-head");
      head.appendChild(el("span", "person-name", o.object_id));
      head.appendChild(el("span", "chip", "type " + o.object_type_id));
      head.appendChild(el("span", "chip", "cio_object_id " + o.cio_object_id));
      card.appendChild(head);
      if (Object.keys(o.attributes).length) card.appendChild(kvTable(o.attributes, []));
      var related = el("div", "relationships");
      if (!o.relationships.length) related.appendChild(el("span", "empty", "no one related"));
      o.relationships.forEach(function (r) {
        var who = r.person ? r.person.display_name : "anonymous " + r.anonymous_id;
        var chip = el("span", "chip relationship", who +
            (Object.keys(r.attributes).length ? " " + scalar(r.attributes) : ""));
        chip.setAttribute("data-related", who);
        related.appendChild(chip);
        related.appendChild(document.createTextNode(" "));
      });
      card.appendChild(related);
      box.appendChild(card);
    });
  }

  function renderAnonymous(data, filter) {
    var box = document.getElementById("anonymous");
    clear(box);
    var shown = data.anonymous.filter(function (a) { return matches(filter, a); });
    if (!shown.length) {
      box.appendChild(el("p", "empty", "None."));
      return;
    }
    shown.forEach(function (a) {
      var violated = a.events.some(function (e) { return e.violations.length > 0; });
      var card = el("article", "guest" + (violated ? " violated" : ""));
      card.setAttribute("data-anonymous", a.anonymous_id);
      var head = el("div", "person-head");
      head.appendChild(el("span", "person-name", a.anonymous_id || "(no anonymous_id)"));
      head.appendChild(el("span", "chip", "anonymous"));
      if (a.identified_as) {
        var who = el("span", "chip stale", "identified as " + a.identified_as.display_name + " — not merged");
        who.setAttribute("data-not-merged", a.identified_as.display_name);
        head.appendChild(who);
      }
      card.appendChild(head);
      card.appendChild(eventList(a.events));
      box.appendChild(card);
    });
  }

  function renderSuppressed(data) {
    var box = document.getElementById("suppressed");
    clear(box);
    if (!data.suppressed.length) {
      box.appendChild(el("p", "empty", "None."));
      return;
    }
    data.suppressed.forEach(function (s) { box.appendChild(el("span", "chip", s.type + " " + s.value)); box.appendChild(document.createTextNode(" ")); });
  }

  function renderTotals(data) {
    var box = document.getElementById("totals");
    clear(box);
    if (!data.event_totals || !data.event_totals.length) {
      box.appendChild(el("p", "empty", "No events yet."));
      return;
    }
    var table = el("table", "totals-table");
    var head = el("tr");
    ["event", "received", "violated", "cannot trigger"].forEach(function (h) { head.appendChild(el("th", null, h)); });
    table.appendChild(head);
    data.event_totals.slice().sort(function (a, b) { return b.received - a.received || (a.name < b.name ? -1 : 1); })
      .forEach(function (t) {
        var tr = el("tr");
        tr.setAttribute("data-total", t.name);
        tr.appendChild(el("td", null, t.name));
        tr.appendChild(el("td", "n", t.received));
        tr.appendChild(el("td", "n", t.violated));
        tr.appendChild(el("td", "n", t.cannot_trigger));
        table.appendChild(tr);
      });
    box.appendChild(table);
  }

  function decided(label, e) {
    return el("div", "decided", label + " " + e.name + " #" + e.seq + (e.id ? " (id " + e.id + ")" : "") +
        " · received " + when(e.received_at));
  }

  function renderJourneys(data, filter) {
    var section = document.getElementById("journeys-section");
    var box = document.getElementById("journeys");
    clear(box);
    var journeys = data.journeys || [];
    section.className = journeys.length ? "" : "hidden";
    document.getElementById("journeys-count").textContent = String(journeys.length);
    journeys.forEach(function (j) {
      var card = el("article", "journey");
      card.setAttribute("data-journey", j.name);
      var head = el("div", "journey-head");
      head.appendChild(el("span", "journey-name", j.name));
      if (j.description) head.appendChild(el("span", "decided", j.description));
      card.appendChild(head);
      card.appendChild(el("div", "journey-rule", "trigger " + j.trigger +
          (j.segment ? " · segment " + j.segment : "") +
          (j.exit_on.length ? " · exit on " + j.exit_on.join(", ") : "") + " · " + j.steps.join("; ")));
      var stats = el("div", "journey-stats");
      [["entered", j.entered], ["exited", j.exited], ["would message", j.would_message], ["not enrolled", j.declined.length]]
        .forEach(function (pair) {
          var s = el("span", null);
          s.setAttribute("data-stat", pair[0]);
          s.appendChild(el("b", null, pair[1]));
          s.appendChild(document.createTextNode(" " + pair[0]));
          stats.appendChild(s);
        });
      card.appendChild(stats);
      var ul = el("ul", "enrolments");
      j.enrolments.filter(function (e) { return matches(filter, e); }).slice().reverse().forEach(function (e) {
        var li = el("li", "enrolment");
        li.setAttribute("data-enrolment", e.person.display_name);
        li.setAttribute("data-state", e.state);
        var line = el("div");
        line.appendChild(el("span", "who", e.person.display_name));
        line.appendChild(el("span", "state state-" + e.state, e.state));
        line.appendChild(el("span", "decided", " entered " + when(e.entered_at)));
        li.appendChild(line);
        li.appendChild(decided("enrolled by", e.trigger));
        e.messages.forEach(function (m) {
          var w = el("div", "would-message", "would message " + m.message + " at " + when(m.at));
          w.setAttribute("data-would-message", m.message);
          li.appendChild(w);
        });
        if (e.exit_reason) {
          li.appendChild(el("div", "decided", "exited " + when(e.exited_at) + ": " + e.exit_reason));
          if (e.exit_event) li.appendChild(decided("exit decided by", e.exit_event));
        }
        if (e.next_message) li.appendChild(el("div", "decided", "next: " + e.next_message + " at " + when(e.next_step_at)));
        ul.appendChild(li);
      });
      j.declined.filter(function (d) { return matches(filter, d); }).slice(-20).reverse().forEach(function (d) {
        var li = el("li", "enrolment declined");
        li.setAttribute("data-declined", d.person.display_name);
        li.appendChild(el("div", null, d.person.display_name + " not enrolled by " + d.event.name + " #" + d.event.seq + ": " + d.reason));
        ul.appendChild(li);
      });
      if (ul.firstChild) card.appendChild(ul);
      box.appendChild(card);
    });
  }

  function statusClass(status) {
    if (status >= 200 && status < 300) return status === 207 ? "partial" : "ok";
    return "bad";
  }

  function renderCalls(data, filter) {
    var box = document.getElementById("calls");
    clear(box);
    var shown = data.calls.filter(function (c) { return matches(filter, c); });
    if (!shown.length) {
      box.appendChild(el("p", "empty", "No calls yet."));
      return;
    }
    var table = el("table", "calls-table");
    var head = el("tr");
    ["#", "time", "call", "status"].forEach(function (h) { head.appendChild(el("th", null, h)); });
    table.appendChild(head);
    shown.forEach(function (c) {
      var tr = el("tr");
      tr.setAttribute("data-call", String(c.seq));
      tr.appendChild(el("td", null, c.seq));
      tr.appendChild(el("td", null, time(c.received_at)));
      var call = el("td", "path", c.method + " " + c.path);
      if (c.error) call.appendChild(el("div", "call-error", c.error));
      if (c.operations.length) {
        var ops = el("ul", "ops");
        c.operations.forEach(function (o) {
          var li = el("li", o.accepted ? null : (o.outcome.indexOf("rejected") === 0 ? "rejected" : null));
          li.textContent = (o.batch_index !== undefined ? "[" + o.batch_index + "] " : "") + o.description + " — " + o.outcome;
          o.violations.forEach(function (v) {
            li.appendChild(el("div", "violation", "\u26A0 " + (v.path ? v.path + ": " : "") + v.message));
          });
          ops.appendChild(li);
        });
        call.appendChild(ops);
      }
      tr.appendChild(call);
      tr.appendChild(el("td", "st " + statusClass(c.status), c.status === 0 ? "reset" : c.status));
      table.appendChild(tr);
    });
    box.appendChild(table);
  }

  function render(data) {
    var filter = document.getElementById("filter").value.trim().toLowerCase();
    document.getElementById("plan").textContent = data.emulator.plan ? "plan " + data.emulator.plan : "no tracking plan";
    // a clock moved by a test or the demo: say so, since every time on the page follows it
    var clock = document.getElementById("clock");
    var skew = data.emulator.now ? new Date(data.emulator.now).getTime() - Date.now() : 0;
    clock.className = Math.abs(skew) > 60000 ? "plan" : "plan hidden";
    clock.textContent = "emulator clock " + when(data.emulator.now);
    renderCounts(data);
    renderJourneys(data, filter);
    renderTotals(data);
    renderPeople(data, filter);
    renderObjects(data, filter);
    renderAnonymous(data, filter);
    renderSuppressed(data);
    renderCalls(data, filter);
  }

  function setStatus(state, text) {
    var s = document.getElementById("status");
    s.setAttribute("data-state", state);
    s.textContent = text;
  }

  function poll() {
    fetch("/activity?events=200", { cache: "no-store" })
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.text();
      })
      .then(function (text) {
        setStatus("live", "live · " + new Date().toLocaleTimeString());
        if (text !== lastText) {
          lastText = text;
          lastData = JSON.parse(text);
          render(lastData);
        }
      })
      .catch(function (e) {
        setStatus("error", "emulator unreachable (" + e.message + ")");
      })
      .then(function () {
        setTimeout(poll, POLL_MS);
      });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.getElementById("filter").addEventListener("input", function () {
      if (lastData) render(lastData);
    });
    poll();
  });
})();
