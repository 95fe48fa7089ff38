// The page's start-up script: safe mode, then the loader. A file of the app's own origin (not a
// script inside index.html), so the Content-Security-Policy allows it as 'self' and is the same
// text for every build: a deploy whose server still sends an older policy still runs it.
// index.html loads it in the head, before the stylesheets: a script after them would wait for
// them, and hold up the reading (and so the painting) of the page.
//
// scripts/post-build.mjs fills in the bundles' names (the __..._JS__ style marks below),
// minifies it in a release build and names it by its content (boot-<hash>.js), so a browser
// never keeps an older build's copy. tests/page_scripts.rs checks that the names it shares with
// the wasm (the constants at the top) equal the Rust ones.
(function () {
  "use strict";

  // Names shared with the wasm (tests/page_scripts.rs).
  /** Every kind the app stores (domain::backup::STORED_KINDS), in a backup's order. */
  var KINDS = ["settings", "training-profiles", "audits", "staff-records", "staff-list"];
  /** Every key the app writes starts with this, in localStorage and in IndexedDB. */
  var KEY_PREFIX = "osw:";
  /** The IndexedDB database and object store that hold the large values (staff records). */
  var DATABASE = "online-safety-workbench";
  var STORE = "values";
  /** In sessionStorage while a start is under way: the time it began, or FAILED. */
  var BOOT_FLAG = "osw:booting";
  /** The addresses the DSL's bundle serves (routes::DSL_PATHS), each with what lies below it. */
  var DSL_PATHS = ["/audit", "/staff", "/data", "/settings", "/trust"];

  /** The boot flag's value once a start has failed for certain (an error, not a slow network). */
  var FAILED = "failed";
  /**
   * A start that began longer ago than this and never finished is taken as failed. A reload
   * sooner than this (a slow first visit, an impatient person) just starts again.
   */
  var STALLED_MS = 30000;
  /** How long a download's file stays readable after its link was clicked. */
  var DOWNLOAD_KEPT_MS = 60000;

  // ---------------------------------------------------------------------------------------
  // Safe mode: when the app cannot start (its files fail to load, or it stops while
  // starting), everything it stored is offered as one file, with no WebAssembly at all.
  // ?safe opens it on purpose.

  /** The local time, as the app writes it: 2026-07-10T12:00:00. */
  function now() {
    var date = new Date();
    return new Date(date - date.getTimezoneOffset() * 60000).toISOString().slice(0, 19);
  }

  /**
   * Every value the app stored, key -> text: localStorage's osw: keys, then IndexedDB's,
   * without ever creating the database. Calls done(raw) once.
   */
  function stored(done) {
    var raw = {};
    for (var i = 0; i < localStorage.length; i++) {
      var key = localStorage.key(i);
      if (key.indexOf(KEY_PREFIX) === 0) raw[key] = localStorage.getItem(key);
    }
    var open = indexedDB.open(DATABASE);
    // No database yet: opening it would create one. Stop instead.
    open.onupgradeneeded = function () {
      open.transaction.abort();
    };
    open.onerror = function () {
      done(raw);
    };
    open.onsuccess = function () {
      var db = open.result;
      if (!db.objectStoreNames.contains(STORE)) {
        db.close();
        done(raw);
        return;
      }
      var cursor = db.transaction(STORE).objectStore(STORE).openCursor();
      cursor.onerror = function () {
        done(raw);
      };
      cursor.onsuccess = function () {
        var entry = cursor.result;
        if (entry) {
          raw[entry.key] = entry.value;
          entry.continue();
        } else {
          db.close();
          done(raw);
        }
      };
    };
  }

  /**
   * A full backup (Your data restores it): each kind whose stored value reads, and every value
   * exactly as it was stored.
   */
  function backup(raw) {
    var parts = [];
    KINDS.forEach(function (kind) {
      try {
        var envelope = JSON.parse(raw[KEY_PREFIX + kind]);
        if (envelope && envelope.kind === kind) parts.push(envelope);
      } catch (_) {
        // Missing or unreadable: it is still in `stored`, as it was.
      }
    });
    return {
      format: "online-safety-workbench",
      kind: "full-backup",
      schema_version: 1,
      app_version: "safe mode",
      saved_at: now(),
      data: { parts: parts, stored: raw },
    };
  }

  function download() {
    stored(function (raw) {
      var link = document.createElement("a");
      var file = new Blob([JSON.stringify(backup(raw))], { type: "application/json" });
      link.href = URL.createObjectURL(file);
      link.download = "online-safety-workbench-safe-mode-" + now().slice(0, 10) + ".json";
      link.click();
      // The browser may still be reading the file after click() returns.
      setTimeout(function () {
        URL.revokeObjectURL(link.href);
      }, DOWNLOAD_KEPT_MS);
    });
  }

  /**
   * This page's address on the app's own origin, without ?safe. Always on this origin: at
   * `//other.example/x?safe` the path alone (`//other.example/x`) would be another site.
   */
  function appAddress() {
    return location.origin + "/" + location.pathname.replace(/^[\/\\]+/, "");
  }

  function element(tag, text, attributes) {
    var node = document.createElement(tag);
    node.textContent = text;
    for (var name in attributes || {}) node.setAttribute(name, attributes[name]);
    return node;
  }

  /** Opens safe mode with a reason (also called by the wasm when it stops: browser.rs). */
  window.oswSafeMode = function (reason) {
    // A failure while starting: the next load of this tab opens safe mode too.
    if (sessionStorage.getItem(BOOT_FLAG) !== null) sessionStorage.setItem(BOOT_FLAG, FAILED);
    if (document.getElementById("safe-mode")) return;
    var box = element("section", "", {
      id: "safe-mode",
      class: "notice notice-error safe-mode",
      role: "alert",
      "aria-labelledby": "safe-mode-heading",
    });
    var get = element("button", "Download everything stored", { type: "button" });
    get.onclick = download;
    var again = element("button", "Start the app normally", { type: "button", class: "secondary" });
    again.onclick = function () {
      sessionStorage.removeItem(BOOT_FLAG);
      location.replace(appAddress());
    };
    box.append(
      element("h1", "Safe mode", { id: "safe-mode-heading" }),
      element(
        "p",
        reason +
          " Your data is still in this browser. Download it as one file: a full backup that the" +
          " Your data page can restore, which also keeps every stored value exactly as it is.",
      ),
      get,
      " ",
      again,
    );
    var show = function () {
      var boot = document.querySelector("#boot main");
      if (boot) boot.replaceChildren(box);
      else document.body.prepend(box);
    };
    // Read in the head, so the page is not there yet when safe mode opens at once.
    if (document.body) show();
    else document.addEventListener("DOMContentLoaded", show);
  };

  // The flag is set here and cleared by the app once it has started (browser.rs), so a flag
  // still set at the next load of this tab means the last start failed, or is still going.
  var last = sessionStorage.getItem(BOOT_FLAG);
  var began = Number(last);
  var failed = last !== null && !(began > 0 && Date.now() - began < STALLED_MS);
  if (/[?&]safe(=|&|$)/.test(location.search) || failed) {
    window.oswSafeMode(failed ? "The app did not start last time." : "This is the app's safe mode.");
    return;
  }
  sessionStorage.setItem(BOOT_FLAG, String(Date.now()));

  // ---------------------------------------------------------------------------------------
  // The loader: one for both bundles. It picks the DSL's bundle (with the DSL's stylesheet)
  // for the DSL's addresses and the staff's everywhere else, so staff never download the DSL's
  // pages. It starts the downloads now, while the rest of the page arrives: the wasm (compiled
  // as it arrives), its JS glue and an opened module's text. Once the page has been read it
  // starts the app with them; a bundle that fails to load or start opens safe mode. (Safe mode
  // asks for none of this.)

  var path = location.pathname;
  var dsl = DSL_PATHS.some(function (prefix) {
    return path === prefix || path.indexOf(prefix + "/") === 0;
  });
  var bundle = dsl
    ? { js: "/__DSL_JS__", wasm: "/__DSL_WASM__" }
    : { js: "/__STAFF_JS__", wasm: "/__STAFF_WASM__" };

  function early(rel, href, as) {
    var link = document.createElement("link");
    link.rel = rel;
    link.href = href;
    if (as) {
      link.as = as;
      link.crossOrigin = "anonymous";
    }
    document.head.appendChild(link);
  }
  if (dsl) early("stylesheet", "/__DSL_CSS__");
  early("modulepreload", bundle.js);
  var opened = path.match(/^\/training\/modules\/([a-z0-9-]+)/);
  if (opened) early("preload", "/content/modules/" + opened[1] + ".json", "fetch");

  // Compiled as it downloads (a host that sends the wasm with another type: compiled once read).
  var wasm = fetch(bundle.wasm).then(function (response) {
    if (!response.ok) throw new Error(bundle.wasm + " answered " + response.status);
    return WebAssembly.compileStreaming(response.clone()).catch(function () {
      return response.arrayBuffer().then(function (bytes) {
        return WebAssembly.compile(bytes);
      });
    });
  });
  wasm.catch(function () {}); // reported by start(), which uses it

  // The app mounts into the page's body: start it once the page has been read.
  function start() {
    import(bundle.js)
      .then(function (glue) {
        return glue.default({ module_or_path: wasm });
      })
      .catch(function (error) {
        window.oswSafeMode("The app could not start (" + ((error && error.message) || error) + ").");
      });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
