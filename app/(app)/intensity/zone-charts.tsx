"use client";
// Recharts views of one zone. Series come from lib/domain/intensity-series; colours are CSS
// variables set per colour scheme on the wrapper, and text uses currentColor, so the charts
// read the same in light and dark mode.
import { useMemo } from "react";
import {
  Area,
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  ComposedChart,
  Label,
  Line,
  ReferenceArea,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import type { IntensityZoneDto } from "@/lib/data/intensity-overview";
import type { GenerationMixDto } from "@/lib/data/intensity-mix";
import { chartPoints, mixShares, timeTicks, valueDomain, windowAreas } from "@/lib/domain/intensity-series";
import { formatSpan, formatWhen } from "@/app/_components/intensity-band";

const PALETTE =
  "[--chart-forecast:#047857] dark:[--chart-forecast:#34d399] [--chart-actual:#1d4ed8] dark:[--chart-actual:#93c5fd] " +
  "[--chart-grid:#cbd5e1] dark:[--chart-grid:#334155] [--chart-window:#10b981] [--chart-now:#b45309] dark:[--chart-now:#fbbf24] " +
  "[--chart-tooltip-bg:#ffffff] dark:[--chart-tooltip-bg:#0f172a] text-slate-700 dark:text-slate-300";

// Mid-tone fuel colours, legible on white and on slate-900 alike.
const FUEL_COLOURS: Record<string, string> = {
  gas: "#f97316", coal: "#78716c", nuclear: "#a855f7", wind: "#0ea5e9", solar: "#eab308",
  hydro: "#3b82f6", biomass: "#84cc16", imports: "#94a3b8", other: "#64748b", oil: "#b45309",
};

const tick = { fill: "currentColor", fontSize: 12 };
const tooltipStyle = { background: "var(--chart-tooltip-bg)", border: "1px solid var(--chart-grid)", borderRadius: 8, color: "inherit" };
const timeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;
const hourLabel = (t: number) => new Date(t).toLocaleTimeString(undefined, { weekday: "short", hour: "2-digit", minute: "2-digit" });
const dayLabel = (t: number) => new Date(t).toLocaleDateString(undefined, { weekday: "short", day: "numeric" });
const valueLabel = (value: unknown, name: unknown) => [`${Math.round(Number(value))} gCO2/kWh`, String(name)] as [string, string];

function ChartFrame({ title, children, testId }: { title: string; children: React.ReactNode; testId: string }) {
  return (
    <figure data-testid={testId} className={`flex flex-col gap-1 ${PALETTE}`}>
      <figcaption className="text-sm font-medium">{title}</figcaption>
      <div className="h-72 w-full">{children}</div>
    </figure>
  );
}

export function ForecastChart({ zone }: { zone: IntensityZoneDto }) {
  const now = useMemo(() => Date.now(), [zone]);
  const points = useMemo(() => chartPoints(zone.forecast), [zone.forecast]);
  const areas = useMemo(() => windowAreas(zone.greenestWindows), [zone.greenestWindows]);
  if (points.length === 0) return <p className="text-sm text-slate-500">No forecast stored for the next 48 hours.</p>;
  const from = points[0].t;
  const to = points[points.length - 1].t;
  const ticks = timeTicks(from, to, 6, new Date().getTimezoneOffset());
  return (
    <div className="flex flex-col gap-2">
      <ChartFrame title="Forecast, next 48 hours" testId="forecast-chart">
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart data={points} margin={{ top: 20, right: 16, bottom: 24, left: 8 }}>
            <CartesianGrid stroke="var(--chart-grid)" strokeDasharray="3 3" />
            <XAxis dataKey="t" type="number" scale="time" domain={[from, to]} ticks={ticks} tickFormatter={hourLabel} tick={tick} stroke="currentColor">
              <Label value={`Local time (${timeZone()})`} position="insideBottom" offset={-16} fill="currentColor" fontSize={12} />
            </XAxis>
            <YAxis domain={valueDomain(zone.forecast)} tick={tick} stroke="currentColor" width={64}>
              <Label value="gCO2/kWh" angle={-90} position="insideLeft" fill="currentColor" fontSize={12} style={{ textAnchor: "middle" }} />
            </YAxis>
            {areas.map((a, i) => (
              <ReferenceArea key={a.x1} x1={a.x1} x2={a.x2} fill="var(--chart-window)" fillOpacity={0.18} stroke="var(--chart-window)" strokeOpacity={0.6}
                label={{ value: String(i + 1), position: "insideTop", fill: "currentColor", fontSize: 11 }} />
            ))}
            <Area type="stepAfter" dataKey="forecast" name="Forecast" stroke="var(--chart-forecast)" fill="var(--chart-forecast)" fillOpacity={0.15} strokeWidth={2} connectNulls={false} isAnimationActive={false} />
            <Line type="stepAfter" dataKey="actual" name="Actual" stroke="var(--chart-actual)" strokeWidth={2} dot={false} connectNulls={false} isAnimationActive={false} />
            {now >= from && now <= to && <ReferenceLine x={now} stroke="var(--chart-now)" strokeDasharray="4 2" label={{ value: "now", fill: "currentColor", fontSize: 11, position: "top" }} />}
            <Tooltip labelFormatter={(t) => hourLabel(Number(t))} formatter={valueLabel} contentStyle={tooltipStyle} />
          </ComposedChart>
        </ResponsiveContainer>
      </ChartFrame>
      <GreenestLegend zone={zone} />
    </div>
  );
}

function GreenestLegend({ zone }: { zone: IntensityZoneDto }) {
  if (zone.greenestWindows.length === 0) {
    return <p data-testid="greenest-legend" className="text-sm text-slate-500">No {zone.windowHours} h window stands out as greener in this forecast.</p>;
  }
  return (
    <div data-testid="greenest-legend" className={`flex flex-wrap items-center gap-x-4 gap-y-1 text-sm ${PALETTE}`}>
      <span className="flex items-center gap-2 font-medium">
        <span aria-hidden className="inline-block h-3 w-5 rounded-sm border border-[var(--chart-window)] bg-[var(--chart-window)]/20" />
        Greenest {zone.windowHours} h windows
      </span>
      <ol className="flex flex-wrap gap-x-4">
        {zone.greenestWindows.map((w, i) => (
          <li key={w.start}>
            {i + 1}. {formatSpan(w.start, w.end)} · <span className="tabular-nums">{Math.round(w.meanGCO2PerKWh)}</span> gCO2/kWh
          </li>
        ))}
      </ol>
    </div>
  );
}

export function PastChart({ zone }: { zone: IntensityZoneDto }) {
  const points = useMemo(() => chartPoints(zone.past), [zone.past]);
  if (points.length === 0) return <p className="text-sm text-slate-500">No readings stored for the last 7 days yet.</p>;
  const from = points[0].t;
  const to = points[points.length - 1].t;
  const hasForecastOnly = zone.past.some((r) => r.kind === "forecast");
  return (
    <ChartFrame title={`Last 7 days: actuals${hasForecastOnly ? " (the last forecast where the provider publishes no actual)" : ""}`} testId="past-chart">
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={points} margin={{ top: 8, right: 16, bottom: 24, left: 8 }}>
          <CartesianGrid stroke="var(--chart-grid)" strokeDasharray="3 3" />
          <XAxis dataKey="t" type="number" scale="time" domain={[from, to]} ticks={timeTicks(from, to, 24, new Date().getTimezoneOffset())} tickFormatter={dayLabel} tick={tick} stroke="currentColor">
            <Label value={`Local date (${timeZone()})`} position="insideBottom" offset={-16} fill="currentColor" fontSize={12} />
          </XAxis>
          <YAxis domain={valueDomain(zone.past)} tick={tick} stroke="currentColor" width={64}>
            <Label value="gCO2/kWh" angle={-90} position="insideLeft" fill="currentColor" fontSize={12} style={{ textAnchor: "middle" }} />
          </YAxis>
          <Line type="stepAfter" dataKey="actual" name="Actual" stroke="var(--chart-actual)" strokeWidth={1.5} dot={false} connectNulls={false} isAnimationActive={false} />
          <Line type="stepAfter" dataKey="forecast" name="Last forecast" stroke="var(--chart-forecast)" strokeWidth={1.5} strokeDasharray="4 2" dot={false} connectNulls={false} isAnimationActive={false} />
          <Tooltip labelFormatter={(t) => hourLabel(Number(t))} formatter={valueLabel} contentStyle={tooltipStyle} />
        </ComposedChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}

export function MixChart({ mix }: { mix: GenerationMixDto }) {
  const shares = useMemo(() => mixShares(mix.fuels), [mix.fuels]);
  return (
    <ChartFrame title={`Generation mix, ${formatWhen(mix.periodStart)}–${formatWhen(mix.periodEnd)} (${mix.source})`} testId="mix-chart">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={shares} layout="vertical" margin={{ top: 8, right: 24, bottom: 24, left: 8 }}>
          <CartesianGrid stroke="var(--chart-grid)" strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" domain={[0, 100]} tick={tick} stroke="currentColor" unit="%">
            <Label value="Share of generation (%)" position="insideBottom" offset={-16} fill="currentColor" fontSize={12} />
          </XAxis>
          <YAxis type="category" dataKey="fuel" tick={tick} stroke="currentColor" width={72} />
          <Bar dataKey="percent" name="Share" isAnimationActive={false} label={{ position: "right", fill: "currentColor", fontSize: 11, formatter: (v: unknown) => `${v}%` }}>
            {shares.map((s) => <Cell key={s.fuel} fill={FUEL_COLOURS[s.fuel] ?? FUEL_COLOURS.other} />)}
          </Bar>
          <Tooltip formatter={(v) => [`${v}%`, "Share"]} contentStyle={tooltipStyle} cursor={{ fill: "var(--chart-grid)", fillOpacity: 0.3 }} />
        </BarChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}
