"use client";
// The insights charts. Series arrive computed (lib/domain/insights); these only draw them.
import { Area, Bar, BarChart, CartesianGrid, ComposedChart, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { InsightsDto } from "@/lib/swr/use-insights";
import { formatCarbon, formatPercent } from "@/lib/domain/insights/format";
import { spanOf, timeTickFormat } from "@/app/_components/time-ticks";

const COLOURS = ["#059669", "#0284c7", "#d97706", "#7c3aed", "#db2777", "#475569"];
const carbonTick = (g: number) => formatCarbon(g);
const date = (t: number) => new Date(t).toLocaleDateString();

export function CumulativeChart({ data }: { data: InsightsDto["cumulative"] }) {
  return (
    <div data-testid="cumulative-chart" className="h-64 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={data}>
          <CartesianGrid strokeDasharray="3 3" strokeOpacity={0.5} />
          <XAxis dataKey="day" fontSize={12} />
          <YAxis tickFormatter={carbonTick} fontSize={12} width={72} />
          <Tooltip formatter={(v) => formatCarbon(Number(v))} />
          <Legend />
          <Area type="monotone" dataKey="savedG" name="Saved (cumulative)" stroke="#059669" fill="#a7f3d0" isAnimationActive={false} />
          <Line type="monotone" dataKey="baselineG" name="Run-at-once baseline" stroke="#94a3b8" strokeDasharray="4 4" dot={false} isAnimationActive={false} />
          <Line type="monotone" dataKey="actualG" name="Actual" stroke="#0f172a" dot={false} isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}

export function CarbonByChart({ data, testId }: { data: InsightsDto["byServer"]; testId: string }) {
  return (
    <div data-testid={testId} className="w-full" style={{ height: Math.max(120, 40 * data.length + 60) }}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout="vertical" margin={{ left: 16 }}>
          <CartesianGrid strokeDasharray="3 3" strokeOpacity={0.5} />
          <XAxis type="number" tickFormatter={carbonTick} fontSize={12} />
          <YAxis type="category" dataKey="name" width={110} fontSize={12} />
          <Tooltip formatter={(v) => formatCarbon(Number(v))} />
          <Legend />
          <Bar dataKey="carbonG" name="Carbon" fill="#475569" isAnimationActive={false} />
          <Bar dataKey="savedCarbonG" name="Saved" fill="#059669" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

export function SciTrendChart({ trends }: { trends: InsightsDto["sciTrends"] }) {
  return (
    <div data-testid="sci-chart" className="h-64 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={trends.points}>
          <CartesianGrid strokeDasharray="3 3" strokeOpacity={0.5} />
          <XAxis dataKey="t" type="number" scale="time" domain={["dataMin", "dataMax"]} tickFormatter={timeTickFormat(spanOf(trends.points))} fontSize={12} />
          <YAxis tickFormatter={carbonTick} fontSize={12} width={72} />
          <Tooltip labelFormatter={(t) => date(Number(t))} formatter={(v) => formatCarbon(Number(v))} />
          <Legend />
          {trends.tasks.map((t, i) => (
            <Line key={t.id} dataKey={t.id} name={`${t.name} (g/${t.unit})`} stroke={COLOURS[i % COLOURS.length]} connectNulls isAnimationActive={false} />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}

export function BandsChart({ bands }: { bands: InsightsDto["bands"] }) {
  return (
    <div data-testid="bands-chart" className="h-48 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={bands}>
          <CartesianGrid strokeDasharray="3 3" strokeOpacity={0.5} />
          <XAxis dataKey="band" fontSize={12} />
          <YAxis tickFormatter={(s: number) => formatPercent(s)} fontSize={12} />
          <Tooltip formatter={(v) => formatPercent(Number(v))} />
          <Bar dataKey="share" name="Share of runs" fill="#0284c7" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
