// The platform page's charts, drawn by Chart.js (its own chunk): members, mean per-member share, failures by severity over the filings.
// Every value axis starts at zero, so 75.0 M → 74.5 M members reads as the 0.7 % it is, not as a plunge.

import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';

Chart.register(
  LineController,
  LineElement,
  PointElement,
  BarController,
  BarElement,
  CategoryScale,
  LinearScale,
  Legend,
  Tooltip,
);

interface Item {
  filingId: string;
  period: { end: string };
  bySeverity: Record<string, number> | null;
  membersActive: number | null;
  meanPerMemberShareCny: number | null;
}

const SEVERITY_COLOURS = ['#8b0000', '#c0392b', '#d98c00', '#5b6b7a'];

/** Draws the three charts over `items` (oldest first); returns a function that removes them. */
export function drawPlatformCharts(
  canvases: { members: HTMLCanvasElement; share: HTMLCanvasElement; failures: HTMLCanvasElement },
  items: Item[],
  labels: { members: string; share: string; severities: string[] },
): () => void {
  const x = items.map((i) => i.period.end);
  const common = { animation: false as const, responsive: true, maintainAspectRatio: false };
  const fromZero = { ...common, scales: { y: { beginAtZero: true } } };
  const charts = [
    new Chart(canvases.members, {
      type: 'line',
      data: {
        labels: x,
        datasets: [
          {
            label: labels.members,
            data: items.map((i) => i.membersActive),
            borderColor: '#1f4e8c',
            backgroundColor: '#1f4e8c',
          },
        ],
      },
      options: fromZero,
    }),
    new Chart(canvases.share, {
      type: 'line',
      data: {
        labels: x,
        datasets: [
          {
            label: labels.share,
            data: items.map((i) => i.meanPerMemberShareCny),
            borderColor: '#1d6b2f',
            backgroundColor: '#1d6b2f',
          },
        ],
      },
      options: fromZero,
    }),
    new Chart(canvases.failures, {
      type: 'bar',
      data: {
        labels: x,
        datasets: ['critical', 'major', 'minor', 'info'].map((s, k) => ({
          label: labels.severities[k] ?? s,
          data: items.map((i) => i.bySeverity?.[s] ?? 0),
          backgroundColor: SEVERITY_COLOURS[k],
        })),
      },
      options: {
        ...common,
        scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } },
      },
    }),
  ];
  // where each value axis starts, for a reader's tools and the tests (a chart is a picture to everyone else)
  for (const c of charts) c.canvas.dataset.yMin = String(c.scales.y?.min ?? '');
  return () => charts.forEach((c) => c.destroy());
}
