// Realistic Vietnamese test messages, built with nodemailer's composer (the same code path real senders use).
import MailComposer from 'nodemailer/lib/mail-composer';

// A minimal valid one-page PDF (PDF 1.4 structure: catalog, pages, page, xref, trailer).
export function tinyPdf(title: string): Buffer {
  const body = `%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n% ${title}\n`;
  const xrefAt = Buffer.byteLength(body);
  return Buffer.from(
    `${body}xref\n0 4\n0000000000 65535 f \ntrailer<</Size 4/Root 1 0 R>>\nstartxref\n${xrefAt}\n%%EOF\n`,
  );
}

export interface OfficialMailOptions {
  from: string;
  to: string;
  subject: string;
  text: string;
  attachmentName?: string;
  date?: Date;
  messageId?: string;
}

export async function officialMail(o: OfficialMailOptions): Promise<Buffer> {
  return new MailComposer({
    from: o.from,
    to: o.to,
    subject: o.subject,
    text: o.text,
    date: o.date ?? new Date(),
    messageId: o.messageId,
    attachments: o.attachmentName
      ? [{ filename: o.attachmentName, content: tinyPdf(o.attachmentName), contentType: 'application/pdf' }]
      : [],
  })
    .compile()
    .build();
}
