// The dashboard: reads the worker's JSON API (/api/...) and draws with ECharts (SVG renderer, so the charts can be read
// back from the page). One script for both pages: "/" (overview, province view) and "/t/{id}" (one target, ?unit=CODE).
(function () {
  'use strict';

  var words = JSON.parse(document.getElementById('words').textContent);
  var lang = document.documentElement.lang;
  var colours = { green: '#2e9d5b', yellow: '#d9a400', red: '#d64541', grey: '#8a8f98' };
  var actualColour = '#3370ff';
  var main = document.getElementById('main');
  var charts = [];

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      if (key === 'text') {
        node.textContent = attrs[key];
      } else {
        node.setAttribute(key, attrs[key]);
      }
    });
    (children || []).forEach(function (child) {
      if (child !== null && child !== undefined) {
        node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
      }
    });
    return node;
  }

  function api(path) {
    return fetch(path, { headers: { Accept: 'application/json' } }).then(function (response) {
      if (!response.ok) {
        throw new Error(path + ': ' + response.status);
      }
      return response.json();
    });
  }

  // Figures arrive rounded as the engine quotes them (counts to one decimal, rates to two): shown as they are.
  function figure(value, unit) {
    return value === null || value === undefined ? '-' : String(value) + (unit || '');
  }

  function badge(status) {
    return el('span', { 'class': 'badge ' + status.colour, 'data-status': status.snapshot ? status.snapshot.status : '', text: status.statusName });
  }

  function item(label, value, extra) {
    return el('span', { 'class': 'figure' }, [
      el('span', { 'class': 'label', text: label }),
      el('span', { 'class': 'value' }, [value, extra ? el('small', { text: ' ' + extra }) : null])
    ]);
  }

  function dateTime(iso, timeZone) {
    return new Intl.DateTimeFormat(lang, {
      timeZone: timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false
    }).format(new Date(iso));
  }

  function chart(node) {
    var instance = echarts.init(node, null, { renderer: 'svg' });
    charts.push(instance);
    return instance;
  }

  window.addEventListener('resize', function () {
    charts.forEach(function (c) { c.resize(); });
  });

  function fail(error) {
    main.appendChild(el('p', { 'class': 'error', text: words.error + ' (' + error.message + ')' }));
  }

  function stamp(day) {
    document.getElementById('updated').textContent = day ? words.updated + ' ' + day : '';
  }

  // The overview: the province view first when several institutions are configured, then every target's card.
  function overview() {
    document.getElementById('home').textContent = words.title;
    Promise.all([api('/api/institutions'), api('/api/targets'), api('/api/province')]).then(function (all) {
      var institutions = all[0];
      var targets = all[1];
      var province = all[2];
      if (province.length > 0) {
        main.appendChild(el('h1', { text: words.province }));
        var rankings = el('div', { 'class': 'grid', id: 'province' });
        province.forEach(function (ranking) {
          var list = el('ol', { 'class': 'ranking' });
          ranking.institutions.forEach(function (row) {
            var s = row.latest.snapshot;
            list.appendChild(el('li', { 'data-institution': row.institutionId }, [
              el('span', { 'class': 'rank', text: '#' + row.rank }),
              el('a', { href: '/t/' + encodeURIComponent(row.targetId), text: row.institutionName }),
              badge(row.latest),
              el('span', { text: figure(s.actual) + ' / ' + figure(s.threshold) })
            ]));
          });
          rankings.appendChild(el('section', { 'class': 'card', 'data-kind': ranking.key }, [el('h3', { text: ranking.name }), list]));
        });
        main.appendChild(rankings);
      }

      var latestDay = null;
      var drawn = [];
      institutions.forEach(function (institution) {
        var own = targets.filter(function (t) { return t.institutionId === institution.id; });
        if (own.length === 0) {
          return;
        }
        main.appendChild(el(province.length > 0 ? 'h2' : 'h1', { text: institution.name }));
        var grid = el('div', { 'class': 'grid targets' });
        own.forEach(function (target) {
          var latest = target.latest;
          if (latest && (!latestDay || latest.day > latestDay)) {
            latestDay = latest.day;
          }
          var spark = el('div', { 'class': 'spark', id: 'spark-' + target.id });
          var card = el('a', { 'class': 'card target', href: '/t/' + encodeURIComponent(target.id), 'data-target': target.id }, [
            el('h3', { text: (target.label ? '[' + target.label + '] ' : '') + target.name }),
            latest ? badge(latest) : el('span', { 'class': 'note', text: words.noData }),
            latest ? el('div', { 'class': 'figures' }, [
              item(words.actual, figure(latest.snapshot.actual, target.unit)),
              item(words.expected, figure(latest.snapshot.expectedByNow, target.unit)),
              item(words.threshold, figure(latest.threshold, target.unit))
            ]) : null,
            spark
          ]);
          grid.appendChild(card);
          drawn.push(api('/api/targets/' + encodeURIComponent(target.id) + '/series').then(function (series) {
            sparkline(spark, series);
          }));
        });
        main.appendChild(grid);
      });
      stamp(latestDay);
      return Promise.all(drawn);
    }).then(function () {
      document.body.setAttribute('data-ready', 'true');
    }).catch(fail);
  }

  function actualPoints(series) {
    // A rate's figures after its measurement date are the measured ones: drawn apart (measuredSeries), not on this line.
    return series.points.filter(function (p) { return p.day <= series.deadline; }).map(function (p) { return [p.day, p.actual]; });
  }

  function pacePoints(series) {
    return series.pace.map(function (p) { return [p.day, p.expected]; });
  }

  function sparkline(node, series) {
    chart(node).setOption({
      animation: false,
      grid: { left: 2, right: 2, top: 6, bottom: 2 },
      xAxis: { type: 'time', show: false, min: series.periodStart, max: series.deadline },
      yAxis: { type: 'value', show: false, min: 0 },
      series: [
        { id: 'pace', type: 'line', data: pacePoints(series), showSymbol: false, lineStyle: { type: 'dashed', color: colours.grey, width: 1 } },
        { id: 'actual', type: 'line', data: actualPoints(series), showSymbol: false, lineStyle: { color: actualColour, width: 2 } }
      ]
    });
  }

  function progressChart(node, series) {
    var unit = series.unit;
    var option = {
      animation: false,
      tooltip: { trigger: 'axis', confine: true },
      legend: { top: 0, type: 'scroll' },
      grid: { left: 44, right: 16, top: 36, bottom: 28 },
      xAxis: { type: 'time', min: series.periodStart, max: series.measured ? series.points[series.points.length - 1].day : series.deadline },
      yAxis: { type: 'value', min: 0, axisLabel: { formatter: '{value}' + unit } },
      series: [
        {
          id: 'actual', name: words.actual, type: 'line', data: actualPoints(series), showSymbol: false,
          lineStyle: { color: actualColour, width: 2 }, itemStyle: { color: actualColour },
          markLine: {
            silent: true, symbol: 'none', lineStyle: { color: colours.red, type: 'solid' },
            label: { formatter: words.threshold + ' ' + figure(series.threshold, unit), position: 'insideStartTop' },
            data: [{ yAxis: series.threshold }]
          }
        },
        {
          id: 'pace', name: words.pace, type: 'line', data: pacePoints(series), showSymbol: false,
          lineStyle: { type: 'dashed', color: colours.grey }, itemStyle: { color: colours.grey }
        }
      ]
    };
    if (series.forecast) {
      var f = series.forecast;
      option.series.push(
        {
          id: 'forecast', name: words.forecast, type: 'line', data: [[f.from, f.fromActual], [f.deadline, f.likely]],
          lineStyle: { type: 'dotted', color: actualColour }, itemStyle: { color: actualColour }, symbolSize: 6
        },
        // The range: a band from the latest figure to the low and high forecasts at the deadline.
        { id: 'band-low', name: words.forecastRange, type: 'line', stack: 'band', data: [[f.from, f.fromActual], [f.deadline, f.low]], showSymbol: false, lineStyle: { opacity: 0 }, itemStyle: { color: actualColour } },
        { id: 'band-range', name: words.forecastRange, type: 'line', stack: 'band', data: [[f.from, 0], [f.deadline, f.high - f.low]], showSymbol: false, lineStyle: { opacity: 0 }, areaStyle: { color: actualColour, opacity: 0.15 }, itemStyle: { color: actualColour } }
      );
    }
    if (series.measured) {
      var m = series.measured;
      option.series.push({
        id: 'measured', name: words.measured, type: 'scatter', symbolSize: 10, itemStyle: { color: colours.red },
        data: [[m.measuredOn, m.actual]],
        label: { show: true, position: 'top', formatter: m.label + ' ' + figure(m.actual, unit) }
      });
      var after = series.points.filter(function (p) { return p.day > series.deadline && p.currentActual !== null; });
      if (after.length > 0) {
        option.series.push({
          id: 'today', name: words.today, type: 'line', showSymbol: false, lineStyle: { type: 'dotted', color: actualColour },
          itemStyle: { color: actualColour }, data: after.map(function (p) { return [p.day, p.currentActual]; })
        });
      }
    }
    chart(node).setOption(option);
  }

  // Bars: each unit's actual as a share of its own threshold (100 = met), lagging first (the API's order).
  function unitsChart(node, target, units) {
    node.style.height = (units.length * 34 + 48) + 'px';
    var instance = chart(node);
    instance.setOption({
      animation: false,
      grid: { left: 8, right: 64, top: 8, bottom: 24, containLabel: true },
      xAxis: { type: 'value', min: 0, max: function (v) { return Math.max(100, Math.ceil(v.max / 10) * 10); }, axisLabel: { show: false }, splitLine: { show: false } },
      yAxis: { type: 'category', inverse: true, data: units.map(function (u) { return u.scopeName; }) },
      series: [{
        id: 'units', type: 'bar', barMaxWidth: 22, cursor: 'pointer',
        data: units.map(function (u) {
          return { value: u.shareOfThreshold, unitCode: u.unitCode, itemStyle: { color: colours[u.colour] } };
        }),
        label: {
          show: true, position: 'right',
          formatter: function (p) {
            var u = units[p.dataIndex];
            return figure(u.snapshot.actual, target.unit) + '/' + figure(u.threshold, target.unit);
          }
        },
        markLine: {
          silent: true, symbol: 'none', lineStyle: { color: colours.red, type: 'dashed' },
          label: { show: true, position: 'end', formatter: words.threshold }, data: [{ xAxis: 100 }]
        }
      }]
    });
    instance.on('click', function (params) {
      if (params.seriesId === 'units' && params.data && params.data.unitCode) {
        window.location.href = '/t/' + encodeURIComponent(target.id) + '?unit=' + encodeURIComponent(params.data.unitCode);
      }
    });
  }

  function timeline(alerts, timeZone) {
    if (alerts.length === 0) {
      return el('p', { 'class': 'note', text: words.noAlerts });
    }
    var list = el('ul', { 'class': 'timeline', id: 'alerts' });
    alerts.forEach(function (a) {
      var sent = a.deliveries.length === 0 ? [words.noRobot] : a.deliveries.map(function (d) {
        if (d.state === 'Sent') {
          return words.sentTo + ' → ' + d.webhook + (d.deliveredAt ? ' ' + dateTime(d.deliveredAt, timeZone) : '');
        }
        return (d.state === 'Pending' ? words.pending : words.notSent + ' (' + d.state + ')') + ' → ' + d.webhook;
      });
      list.appendChild(el('li', { 'data-alert': a.alertId }, [
        el('div', { 'class': 'when' }, [
          dateTime(a.evaluatedAt, timeZone) + ' · ' + a.scopeName + ' · ' + a.severityName +
            (a.isReminder ? ' · ' + words.reminder : '') + (a.isFinalNotice ? ' · ' + words.finalNotice : '') + ' ',
          el('span', { 'class': 'badge ' + a.colour, text: a.statusName })
        ]),
        el('div', { 'class': 'summary', text: a.summary }),
        el('div', { 'class': 'sent', text: sent.join('；') })
      ]));
    });
    return list;
  }

  function silenceList(silences, timeZone) {
    if (silences.length === 0) {
      return el('p', { 'class': 'note', text: words.noSilences });
    }
    return el('ul', { 'class': 'silences', id: 'silences' }, silences.map(function (s) {
      return el('li', {}, [s.scope + (s.targetName ? ' · ' + s.targetName : '') + ' · ' + words.silencedUntil + ' ' + dateTime(s.endsAt, timeZone) + ' · ' + s.reason + ' (' + s.createdBy + ')']);
    }));
  }

  // One target: its chart, its units ranked, its alerts and silences; with ?unit=CODE, that unit's own chart.
  function targetPage(targetId) {
    var unit = new URLSearchParams(window.location.search).get('unit');
    var base = '/api/targets/' + encodeURIComponent(targetId);
    document.getElementById('home').textContent = words.overview;
    Promise.all([
      api('/api/institutions'),
      api(base),
      api(base + '/series' + (unit ? '?unit=' + encodeURIComponent(unit) : '')),
      api(base + '/alerts')
    ]).then(function (all) {
      var detail = all[1];
      var series = all[2];
      var alerts = all[3];
      var target = detail.target;
      var institution = all[0].filter(function (i) { return i.id === target.institutionId; })[0];
      var scope = detail.scopes.filter(function (s) { return s.unitCode === (unit || null); })[0];
      var timeZone = institution ? institution.timeZone : undefined;
      stamp(scope ? scope.day : null);

      if (unit) {
        main.appendChild(el('a', { href: '/t/' + encodeURIComponent(target.id), id: 'back', text: '← ' + words.back }));
      }
      main.appendChild(el('h1', { text: (target.label ? '[' + target.label + '] ' : '') + target.name + (unit ? ' · ' + series.scopeName : '') }));
      if (target.text) {
        main.appendChild(el('p', { 'class': 'note', text: target.text }));
      }

      var summary = el('section', { 'class': 'card', id: 'summary' });
      if (scope) {
        var s = scope.snapshot;
        summary.appendChild(badge(scope));
        if (scope.silenced) {
          summary.appendChild(el('span', { 'class': 'note', text: ' 🔕' }));
        }
        summary.appendChild(el('div', { 'class': 'figures' }, [
          item(words.actual, figure(s.actual, target.unit), s.numerator !== null ? '(' + s.numerator + '/' + s.denominator + ')' : ''),
          item(words.expected, figure(s.expectedByNow, target.unit)),
          item(words.threshold, figure(scope.threshold, target.unit)),
          s.forecast !== null ? item(words.forecast, figure(s.forecast, target.unit), '(' + figure(s.forecastLow, target.unit) + '–' + figure(s.forecastHigh, target.unit) + ')') : null,
          item(words.deadline, target.deadline)
        ]));
      } else {
        summary.appendChild(el('p', { 'class': 'note', text: words.noData }));
      }
      if (series.measured) {
        var m = series.measured;
        summary.appendChild(el('div', { 'class': 'measured', id: 'measured' }, [
          item(words.measured + ' ' + m.measuredOn, figure(m.actual, target.unit), '(' + m.numerator + '/' + m.denominator + ', ' + m.label + ')'),
          m.currentActual !== null ? el('div', {}, [item(words.today + ' ' + m.currentOn, figure(m.currentActual, target.unit))]) : null
        ]));
      }
      main.appendChild(summary);

      var progress = el('div', { 'class': 'chart', id: 'progress-chart' });
      main.appendChild(el('section', { 'class': 'card' }, [progress]));
      progressChart(progress, series);

      var units = detail.scopes.filter(function (x) { return x.unitCode !== null; });
      if (!unit && units.length > 0) {
        var bars = el('div', { 'class': 'chart', id: 'units-chart' });
        main.appendChild(el('section', { 'class': 'card' }, [el('h2', { text: words.units }), el('p', { 'class': 'note', text: words.unitsHint }), bars]));
        unitsChart(bars, target, units);
      }

      var lower = el('div', { 'class': 'grid' });
      lower.appendChild(el('section', { 'class': 'card' }, [el('h2', { text: words.alerts }), timeline(unit ? alerts.filter(function (a) { return a.unitCode === unit; }) : alerts, timeZone)]));
      lower.appendChild(el('section', { 'class': 'card' }, [el('h2', { text: words.silences }), silenceList(detail.silences, timeZone)]));
      main.appendChild(lower);
      document.body.setAttribute('data-ready', 'true');
    }).catch(fail);
  }

  var match = /^\/t\/([^/]+)$/.exec(window.location.pathname);
  if (match) {
    targetPage(decodeURIComponent(match[1]));
  } else {
    overview();
  }
})();
