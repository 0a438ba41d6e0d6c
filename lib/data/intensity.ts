// Current intensity for a grid zone, as the dashboard slot shows it. Until readings are
// stored (the intensity store), this answers "no data yet" rather than inventing a value.
export type CurrentIntensityDto =
  | { status: "no_data"; zone: string }
  | {
      status: "ok";
      zone: string;
      gCO2PerKWh: number;
      index: string | null;
      source: string;
      kind: "forecast" | "actual";
      periodStart: string;
      periodEnd: string;
      stale: boolean;
      staleSince: string | null;
    };

export async function currentIntensityFor(zone: string): Promise<CurrentIntensityDto> {
  return { status: "no_data", zone };
}
