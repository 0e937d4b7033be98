// Only an enhancement: the form works without it. Stops a second tap from sending the form again while the first
// is on its way (the server would show the same receipt anyway, but a weak signal makes people tap twice).
// Without a chosen photo the form goes url-encoded: the form must say multipart for phones without JavaScript, and
// a plain body is still the cheapest on the server's busiest path (a small multipart one costs about the same since
// decision 0065; before it, with the container's part parser, half as much again).
document.addEventListener('submit', function (e) {
  var form = e.target;
  if (!form.classList || !form.classList.contains('rate-form')) return;
  if (form.dataset.sent) { e.preventDefault(); return; }
  form.dataset.sent = '1';
  var photos = form.querySelector('input[type=file]');
  form.enctype = photos && photos.files && photos.files.length > 0
      ? 'multipart/form-data' : 'application/x-www-form-urlencoded';
  var button = form.querySelector('button[type=submit]');
  if (button) button.classList.add('sending');
});
