// SCI: (operational + embodied) per functional unit. A count of zero or less falls back
// to one, as dividing by it would say nothing (IF itself returns the carbon then).
export const sciPerUnit = (carbonG: number, count: number): number => carbonG / (count > 0 ? count : 1);
