import Link from "next/link";

export default function NotFound() {
  return (
    <main className="flex min-h-screen flex-col items-center justify-center gap-3 p-6">
      <h1 className="text-2xl font-semibold">Not found</h1>
      <p className="text-slate-500">There is nothing here, or it belongs to another organisation.</p>
      <Link href="/" className="text-emerald-700 hover:underline">Back to the dashboard</Link>
    </main>
  );
}
