/*
 * The grid worker's outbox. A report or visit form marked data-outbox is never sent straight: it is saved as a draft
 * in IndexedDB (with its photos, as Blobs) under an idempotency key made on the phone, and then sent when there is a
 * network. The server answers a re-sent key with the first record, so a draft whose answer was lost is simply sent
 * again. No external scripts (the CSP allows only 'self').
 *
 * A phone may be shared (decision 0017): every draft carries the account that saved it, only that account's drafts
 * are sent (and the server refuses a draft whose owner is not the sender), and signing out deletes the account's
 * drafts — after a warning when some are unsent — and the pages the service worker kept.
 */
(function () {
  'use strict';
  var DB = 'minyi-grid', STORE = 'outbox';
  var flushing = false;

  function open() {
    return new Promise(function (resolve, reject) {
      var req = indexedDB.open(DB, 1);
      req.onupgradeneeded = function () { req.result.createObjectStore(STORE, { keyPath: 'key' }); };
      req.onsuccess = function () { resolve(req.result); };
      req.onerror = function () { reject(req.error); };
    });
  }

  function store(mode, work) {
    return open().then(function (db) {
      return new Promise(function (resolve, reject) {
        var tx = db.transaction(STORE, mode);
        var result = work(tx.objectStore(STORE));
        tx.oncomplete = function () { db.close(); resolve(result && result.result !== undefined ? result.result : result); };
        tx.onerror = function () { db.close(); reject(tx.error); };
        // an abort without an error event (quota, the browser closing the database) must settle the promise too:
        // else the form neither keeps its draft nor posts, and says nothing
        tx.onabort = function () { db.close(); reject(tx.error || new Error('outbox transaction aborted')); };
      });
    });
  }

  function all() { return store('readonly', function (s) { return s.getAll(); }); }
  function put(draft) { return store('readwrite', function (s) { s.put(draft); }); }
  function remove(key) { return store('readwrite', function (s) { s.delete(key); }); }

  function newKey() {
    if (window.crypto && crypto.randomUUID) {
      return crypto.randomUUID();
    }
    var b = new Uint8Array(16);
    crypto.getRandomValues(b);
    return Array.prototype.map.call(b, function (x) { return ('0' + x.toString(16)).slice(-2); }).join('');
  }

  function text(el, value) { if (el) { el.textContent = value; } }

  function en() { return document.documentElement.lang === 'en'; }

  /** The signed-in account, from the page; a draft saved under another (or none) is never sent by this one. */
  function me() {
    var meta = document.querySelector('meta[name="minyi-staff"]');
    return meta ? meta.getAttribute('content') : null;
  }

  function isMine(d) { return me() !== null && d.owner === me(); }

  function mine() { return all().then(function (drafts) { return drafts.filter(isMine); }); }

  /** Deletes this account's drafts and those saved by nobody; another account's stay for that account. */
  function clearMine() {
    return all().then(function (drafts) {
      var gone = drafts.filter(function (d) { return isMine(d) || !d.owner; });
      return store('readwrite', function (s) { gone.forEach(function (d) { s.delete(d.key); }); })
        .then(function () { return gone.length; });
    });
  }

  /** The copies of the phone pages the service worker keeps show this account's reports: not for the next user. */
  function clearPages() {
    if (!window.caches) { return Promise.resolve(); }
    return caches.keys().then(function (keys) {
      return Promise.all(keys.filter(function (k) { return k.indexOf('minyi-grid') === 0; })
        .map(function (k) { return caches.delete(k); }));
    });
  }

  function show() {
    return all().then(function (everyone) {
      var drafts = everyone.filter(isMine);
      var others = everyone.length - drafts.length;
      var note = document.querySelector('[data-outbox-others]');
      if (note) {
        note.hidden = others === 0;
        note.textContent = others === 0 ? '' : en()
          ? others + ' draft(s) on this phone were saved by another account; they are not sent as you.'
          : '本机另有 ' + others + ' 条其他账号保存的草稿，不会以您的身份发送。';
      }
      var panel = document.querySelector('[data-outbox-panel]');
      document.querySelectorAll('[data-outbox-count]').forEach(function (el) { el.textContent = String(drafts.length); });
      if (panel) { panel.hidden = drafts.length === 0; }
      var errors = document.querySelector('[data-outbox-errors]');
      if (errors) {
        errors.textContent = '';
        drafts.filter(function (d) { return d.error; }).forEach(function (d) {
          var li = document.createElement('li');
          li.textContent = (d.label || '') + '：' + d.error;
          errors.appendChild(li);
        });
      }
      return drafts;
    });
  }

  /** Sends every waiting draft, oldest first; stops at the first network failure and keeps the rest. */
  function flush() {
    if (flushing || !navigator.onLine) {
      return Promise.resolve(0);
    }
    flushing = true;
    var status = document.querySelector('[data-outbox-status]');
    var sent = 0;
    return mine().then(function (drafts) {
      drafts.sort(function (a, b) { return a.savedAt - b.savedAt; });
      drafts = drafts.filter(function (d) { return !d.error; });
      if (drafts.length === 0) {
        return null;
      }
      return fetch('/grid/csrf', { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
        .then(function (res) {
          if (!res.ok || res.redirected) { throw new Error('login'); }
          return res.json();
        })
        .then(function (csrf) {
          // a page kept from another account's session must not send this page's drafts as the one signed in now
          if (String(csrf.staff) !== me()) { throw new Error('login'); }
          var chain = Promise.resolve();
          drafts.forEach(function (d) {
            chain = chain.then(function () { return send(d, csrf); }).then(function (ok) { if (ok) { sent++; } });
          });
          return chain;
        });
    }).catch(function (e) {
      text(status, e && e.message === 'login' ? document.documentElement.lang === 'en'
        ? 'Please sign in again to send.' : '请重新登录后发送。' : '');
    }).then(function () {
      flushing = false;
      if (sent > 0) {
        text(status, (document.documentElement.lang === 'en' ? 'Sent: ' : '已发送 ') + sent);
        document.dispatchEvent(new CustomEvent('outbox:sent', { detail: sent }));
      }
      return show().then(function () { return sent; });
    });
  }

  function send(d, csrf) {
    var body = new FormData();
    d.fields.forEach(function (f) { body.append(f[0], f[1]); });
    d.files.forEach(function (f) { body.append(f[0], f[1], f[2]); });
    body.set('key', d.key);
    body.set('owner', d.owner);
    var headers = { 'Accept': 'application/json' };
    headers[csrf.header] = csrf.token;
    return fetch(d.url, { method: 'POST', body: body, headers: headers, credentials: 'same-origin' })
      .then(function (res) {
        if (res.ok) {
          return remove(d.key).then(function () { return true; });
        }
        if (res.status >= 400 && res.status < 500 && [401, 403, 408, 429].indexOf(res.status) < 0) {
          // the server refused the content: keep the draft, say why, do not send it again by itself
          return res.json().catch(function () { return {}; }).then(function (j) {
            d.error = (j.errors || [String(res.status)]).join('；');
            return put(d).then(function () { return false; });
          });
        }
        throw new Error('retry later');
      });
  }

  function save(form) {
    var fields = [], files = [];
    var data = new FormData(form);
    data.forEach(function (value, name) {
      if (name === '_csrf') { return; }
      if (value instanceof File) {
        if (value.size > 0) { files.push([name, value, value.name]); }
      } else {
        fields.push([name, value]);
      }
    });
    var occurred = fields.findIndex(function (f) { return f[0] === 'occurredAt'; });
    if (occurred >= 0) { fields[occurred][1] = new Date().toISOString(); }
    var key = form.elements.key && form.elements.key.value ? form.elements.key.value : newKey();
    var draft = { key: key, url: form.action, fields: fields, files: files, savedAt: Date.now(),
      label: form.getAttribute('data-outbox-label') || '', owner: me() };
    return put(draft).then(function () {
      form.reset();
      // hidden inputs keep their value through reset(): a second report must not inherit the first one's position
      form.querySelectorAll('[data-lat], [data-lon]').forEach(function (el) { el.value = ''; });
      if (form.elements.key) { form.elements.key.value = newKey(); }
      document.querySelectorAll('[data-locate-status]').forEach(function (el) { el.textContent = ''; });
    });
  }

  /**
   * How long a draft may take to be kept before a form is posted as it is. Storage answers in milliseconds; a phone's
   * storage that does not answer at all (a browser's database stuck on a cold start was seen once) must not swallow
   * the report. Posted, the form carries the draft's key: should the draft be kept after all and sent later, the
   * server answers it with the record the post made.
   */
  var SAVE_WAIT_MS = 8000;

  function wireForms() {
    document.querySelectorAll('form[data-outbox]').forEach(function (form) {
      form.addEventListener('submit', function (ev) {
        if (!window.indexedDB) { return; }  // a plain form post still works
        ev.preventDefault();
        var result = form.querySelector('[data-form-result]');
        var posted = false;
        text(result, en() ? 'Saving…' : '正在保存…');
        var wait = setTimeout(function () {
          // offline a post cannot go anywhere: keep waiting for the storage, which is then the only way
          if (navigator.onLine) {
            posted = true;
            console.warn('outbox: the draft was not kept within ' + SAVE_WAIT_MS + ' ms; the form is posted as it is');
            form.submit();
          }
        }, SAVE_WAIT_MS);
        save(form).then(function () {
          clearTimeout(wait);
          if (posted) { return; }
          text(result, navigator.onLine
            ? (document.documentElement.lang === 'en' ? 'Saved, sending…' : '已保存，正在发送…')
            : (document.documentElement.lang === 'en' ? 'Saved; it will be sent when online.' : '已保存，有网络时自动发送。'));
          // once saved, the draft is sent from the outbox and nowhere else: the form has been reset and given a new
          // key, so posting it as well would send an empty report; a failure here leaves the draft for the next flush
          return show().then(flush).then(function (sent) {
            if (sent > 0) {
              text(result, document.documentElement.lang === 'en' ? 'Sent.' : '已发送。');
            }
          }, function (e) {
            console.error('outbox: saved, not shown or sent yet', e);
          });
        }, function (e) {
          clearTimeout(wait);
          if (posted) { return; }
          // the phone could not keep the draft (storage full or refused): post the form as it is
          console.error('outbox: not saved', e);
          form.submit();
        });
      });
    });
  }

  function wireLocation() {
    document.querySelectorAll('[data-locate]').forEach(function (button) {
      var status = document.querySelector('[data-locate-status]');
      button.addEventListener('click', function () {
        if (!navigator.geolocation) {
          text(status, document.documentElement.lang === 'en' ? 'No location: pick a household or building.' : '无法定位，请选择住户或楼栋。');
          return;
        }
        text(status, '…');
        navigator.geolocation.getCurrentPosition(function (pos) {
          document.querySelector('[data-lat]').value = pos.coords.latitude.toFixed(6);
          document.querySelector('[data-lon]').value = pos.coords.longitude.toFixed(6);
          text(status, pos.coords.latitude.toFixed(5) + ', ' + pos.coords.longitude.toFixed(5));
        }, function () {
          text(status, document.documentElement.lang === 'en' ? 'No location: pick a household or building.' : '无法定位，请选择住户或楼栋。');
        }, { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 });
      });
    });
  }

  /**
   * Signing out on a shared phone: warn when this account has unsent drafts (they would be lost), then delete its
   * drafts and the kept pages before the sign-out goes to the server. Cancelling the warning keeps everything.
   */
  function wireLogout() {
    document.querySelectorAll('form[action$="/logout"]').forEach(function (form) {
      form.addEventListener('submit', function (ev) {
        if (!window.indexedDB || form.getAttribute('data-outbox-cleared') === 'yes') { return; }
        ev.preventDefault();
        mine().then(function (drafts) {
          if (drafts.length > 0 && !window.confirm(en()
            ? drafts.length + ' report(s) have not been sent yet. Signing out deletes them from this phone. Sign out anyway?'
            : '还有 ' + drafts.length + ' 条草稿未发送，退出登录将从本机删除这些草稿。确定退出吗？')) {
            return false;
          }
          return clearMine().then(clearPages).then(function () { return true; });
        }).catch(function () { return true; }).then(function (go) {
          if (go) {
            form.setAttribute('data-outbox-cleared', 'yes');
            form.submit();
          }
        });
      });
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    wireLogout();
    wireForms();
    wireLocation();
    var button = document.querySelector('[data-outbox-send]');
    if (button) { button.addEventListener('click', flush); }
    window.addEventListener('online', flush);
    setInterval(flush, 30000);
    show().then(flush);
    if ('serviceWorker' in navigator) {
      navigator.serviceWorker.register('/grid/sw.js', { scope: '/grid/' }).catch(function () { /* pages still work */ });
    }
  });

  window.minyiOutbox = { all: all, mine: mine, flush: flush, show: show };
})();
