// Only an enhancement: the form works without it. Stops a second tap from sending the form again while the first
// is on its way (the server would show the same receipt anyway, but a weak signal makes people tap twice).
document.addEventListener('submit', function (e) {
  var form = e.target;
  if (!form.classList || !form.classList.contains('rate-form')) return;
  if (form.dataset.sent) { e.preventDefault(); return; }
  form.dataset.sent = '1';
  var button = form.querySelector('button[type=submit]');
  if (button) button.classList.add('sending');
});
