// Invitation e-mails are optional: sent only when SMTP_URL is configured.
import nodemailer from "nodemailer";

export async function sendInvitationEmail(to: string, organisationName: string, link: string): Promise<boolean> {
  const smtp = process.env.SMTP_URL;
  if (!smtp) return false;
  try {
    await nodemailer.createTransport(smtp).sendMail({
      from: process.env.SMTP_FROM ?? "GridShift <no-reply@gridshift.local>",
      to,
      subject: `You are invited to ${organisationName} on GridShift`,
      text: `Join ${organisationName} on GridShift: ${link}\nThe link expires in 7 days.`,
    });
    return true;
  } catch (error) {
    console.error("[mail] invitation e-mail failed", error);
    return false;
  }
}
