import { AuthCard } from "@/app/_components/auth-card";
import { describeInvitation } from "@/lib/data/invitations";
import { currentUser } from "@/lib/web/session";
import { SignUpForm } from "@/app/sign-up/sign-up-form";
import { AcceptInvitation } from "./accept-invitation";

export const dynamic = "force-dynamic";

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invitation = await describeInvitation(token);
  if (!invitation) {
    return (
      <AuthCard title="Invitation not valid">
        <p className="text-sm">This invitation link is invalid, was already used, or has expired. Ask for a new one.</p>
      </AuthCard>
    );
  }
  const user = await currentUser();
  return (
    <AuthCard title={`Join ${invitation.organisationName}`}>
      <p className="mb-4 text-sm">You are invited as <strong>{invitation.role}</strong>.</p>
      {user ? <AcceptInvitation token={token} email={user.email} /> : <SignUpForm inviteToken={token} invitedEmail={invitation.email} />}
    </AuthCard>
  );
}
