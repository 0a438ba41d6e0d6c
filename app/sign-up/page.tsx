import { AuthCard } from "@/app/_components/auth-card";
import { SignUpForm } from "./sign-up-form";

export const dynamic = "force-dynamic";

export default function SignUpPage() {
  return (
    <AuthCard title="Create your organisation">
      <SignUpForm />
    </AuthCard>
  );
}
