"use client";
// A run's power (line) with the grid intensity of each half hour drawn behind it (area).
import { Area, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { ProfilePoint } from "@/lib/domain/accounting";
import { spanOf, timeTickFormat } from "@/app/_components/time-ticks";

export function RunProfileChart({ points }: { points: ProfilePoint[] }) {
  if (points.length < 2) return <p className="text-sm text-slate-500">Not enough data to draw this run.</p>;
  const time = timeTickFormat(spanOf(points));
  return (
    <div data-testid="run-profile-chart" className="h-64 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={points} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#cbd5e1" strokeOpacity={0.5} />
          <XAxis dataKey="t" type="number" scale="time" domain={["dataMin", "dataMax"]} tickFormatter={time} fontSize={12} />
          <YAxis yAxisId="intensity" orientation="right" fontSize={12} label={{ value: "gCO2/kWh", angle: 90, position: "insideRight", fontSize: 11 }} />
          <YAxis yAxisId="watts" fontSize={12} label={{ value: "W", angle: -90, position: "insideLeft", fontSize: 11 }} />
          <Tooltip labelFormatter={(t) => time(Number(t))} />
          <Legend />
          <Area yAxisId="intensity" type="stepAfter" dataKey="gCO2PerKWh" name="Grid intensity (gCO2/kWh)" stroke="#94a3b8" fill="#e2e8f0" fillOpacity={0.7} isAnimationActive={false} />
          <Line yAxisId="watts" type="stepAfter" dataKey="watts" name="Power (W)" stroke="#059669" strokeWidth={2} dot={false} isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
