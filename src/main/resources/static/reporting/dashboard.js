// Draws the dashboard's charts from JSON in data-chart attributes (CSP forbids inline scripts).
(function () {
  function draw() {
    if (typeof Chart === 'undefined') { return; }
    var trend = document.getElementById('trend-chart');
    if (trend) {
      var t = JSON.parse(trend.getAttribute('data-chart'));
      new Chart(trend, {
        type: 'line',
        data: { labels: t.labels, datasets: [
          { label: trend.getAttribute('data-label-received'), data: t.received, borderColor: '#1d4ed8', backgroundColor: '#1d4ed8', tension: .2 },
          { label: trend.getAttribute('data-label-closed'), data: t.closed, borderColor: '#059669', backgroundColor: '#059669', tension: .2 }
        ] },
        options: { responsive: true, maintainAspectRatio: false, animation: false, plugins: { legend: { position: 'bottom' } },
                   scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } }
      });
    }
    var units = document.getElementById('units-chart');
    if (units) {
      var u = JSON.parse(units.getAttribute('data-chart'));
      new Chart(units, {
        type: 'bar',
        data: { labels: u.labels, datasets: [
          { label: units.getAttribute('data-label-satisfaction'), data: u.satisfaction, backgroundColor: '#60a5fa' },
          { label: units.getAttribute('data-label-evaluation'), data: u.evaluation, backgroundColor: '#34d399',
            hidden: u.evaluation.every(function (x) { return x === null; }) },
          { label: units.getAttribute('data-label-score'), data: u.score, backgroundColor: '#f59e0b' }
        ] },
        options: { indexAxis: 'y', responsive: true, maintainAspectRatio: false, animation: false,
                   plugins: { legend: { position: 'bottom' } }, scales: { x: { beginAtZero: true, max: 100 } } }
      });
    }
  }
  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', draw); } else { draw(); }
})();
