// A small line chart on a canvas: the last N samples of one or two series, scaled to the largest value seen.
export class Chart {
  constructor(canvas, series, unit) {
    this.canvas = canvas;
    this.series = series.map((name) => ({ name, values: [] }));
    this.unit = unit;
    this.max = 60;
  }

  push(...values) {
    values.forEach((v, i) => {
      const s = this.series[i].values;
      s.push(Number.isFinite(v) ? v : 0);
      if (s.length > this.max) s.shift();
    });
    this.draw();
  }

  draw() {
    const c = this.canvas;
    const w = c.width = c.clientWidth || 400;
    const hgt = c.height = c.clientHeight || 140;
    const g = c.getContext('2d');
    g.clearRect(0, 0, w, hgt);
    const top = Math.max(1e-9, ...this.series.flatMap((s) => s.values)) * 1.1;
    g.strokeStyle = '#e3e7ee';
    for (let i = 1; i < 4; i++) { g.beginPath(); g.moveTo(0, hgt * i / 4); g.lineTo(w, hgt * i / 4); g.stroke(); }
    const colors = ['#2457c5', '#c54b24'];
    let points = 0;
    this.series.forEach((s, k) => {
      g.strokeStyle = colors[k % colors.length];
      g.lineWidth = 2;
      g.beginPath();
      const n = Math.max(2, s.values.length);
      s.values.forEach((v, i) => {
        const x = w * i / (n - 1);
        const y = hgt - 4 - (hgt - 8) * v / top;
        if (i === 0) g.moveTo(x, y); else g.lineTo(x, y);
        points++;
      });
      g.stroke();
    });
    g.fillStyle = '#5b6577';
    g.font = '12px system-ui';
    const last = this.series.map((s) => `${s.name} ${fmt(s.values.at(-1))}${this.unit}`).join('   ');
    g.fillText(last, 6, 14);
    c.dataset.points = String(points);
  }
}

function fmt(v) {
  if (v === undefined) return '–';
  return v >= 100 ? v.toFixed(0) : v.toFixed(1);
}
