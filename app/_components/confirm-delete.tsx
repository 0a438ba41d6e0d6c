"use client";
import { useState } from "react";
import { Button, ErrorNote, Modal } from "@/app/_components/ui";

/** A delete button that asks first, naming what will be lost. */
export function ConfirmDelete({ what, consequence, onConfirm }: { what: string; consequence: string; onConfirm: () => Promise<void> }) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <Button variant="danger" onClick={() => setOpen(true)}>
        Delete {what}
      </Button>
      {open && (
        <Modal title={`Delete ${what}?`} onClose={() => setOpen(false)}>
          <p className="mb-4 text-sm">{consequence}</p>
          <ErrorNote message={error} />
          <div className="mt-4 flex justify-end gap-2">
            <Button variant="secondary" onClick={() => setOpen(false)}>
              Keep it
            </Button>
            <Button
              variant="danger"
              disabled={busy}
              onClick={async () => {
                setBusy(true);
                setError(null);
                try {
                  await onConfirm();
                } catch (e) {
                  setError((e as Error).message);
                  setBusy(false);
                }
              }}
            >
              {busy ? "Deleting…" : `Yes, delete ${what}`}
            </Button>
          </div>
        </Modal>
      )}
    </>
  );
}
