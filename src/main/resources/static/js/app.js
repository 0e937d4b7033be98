// Staff console behaviour on top of plain HTML: htmx sends the CSRF token with every request it makes.
document.addEventListener('htmx:configRequest', function (evt) {
  var token = document.querySelector('meta[name="csrf-token"]');
  var header = document.querySelector('meta[name="csrf-header"]');
  if (token && header) {
    evt.detail.headers[header.content] = token.content;
  }
});
// Confirm destructive actions marked with data-confirm, without inline script (CSP forbids it).
document.addEventListener('submit', function (evt) {
  var msg = evt.target.getAttribute('data-confirm');
  if (msg && !window.confirm(msg)) {
    evt.preventDefault();
  }
});
