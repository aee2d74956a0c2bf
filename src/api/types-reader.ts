// Types of the reader's share of the contract (src/api/methods/reader.ts, docs/reader.md). Pure data, JSON-serialisable.

/** block: never opened or saved from the reader. warn: allowed after a warning that names the risk. none: ordinary. */
export type AttachmentRiskLevel = 'block' | 'warn' | 'none';

/** Why an attachment is risky; the rule and its lists are in src/shared/attachment-risk.ts. */
export type AttachmentRiskReason =
  /** Programs and libraries Windows runs directly: .exe .scr .com .pif .cpl .dll ... */
  | 'executable'
  /** Script files run by a host on double-click: .js .vbs .bat .cmd .ps1 .hta .wsf .reg ... */
  | 'script'
  /** Shortcuts and search/settings files that point elsewhere: .lnk .url .scf .settingcontent-ms ... */
  | 'shortcut'
  /** Installers and packages: .msi .msix .appx .jar .apk ... */
  | 'installer'
  /** Disk images Windows mounts, whose contents lose the "downloaded from the Internet" mark: .iso .img .vhd(x) */
  | 'disk-image'
  /** Office files with macros enabled: .docm .xlsm .pptm ... */
  | 'macro-document'
  /** Files that can carry active content when opened: .html .svg .one .mht ... */
  | 'active-content'
  /** A name built to hide its real extension: right-to-left override, "báo cáo.pdf      .exe", "x.pdf.exe". */
  | 'disguised-name'
  /** The declared content type is dangerous while the name says something harmless. */
  | 'type-mismatch';

/** An inline part that the HTML refers to with a cid: URL (RFC 2392), and which attachment holds its bytes. */
export interface InlinePart {
  /** Normalised Content-ID: without <>, lower case. */
  cid: string;
  /** Index into MessageDetail.attachments; fetch the bytes with attachments.get. */
  index: number;
  contentType: string;
  size: number;
}

/** What the engine says about one attachment's risk (src/shared/attachment-risk.ts; QĐ 50/2009 Điều 8). */
export interface AttachmentRiskInfo {
  index: number;
  level: AttachmentRiskLevel;
  reason: AttachmentRiskReason | null;
  extension: string;
}

export type LegacyEncodingName = 'tcvn3' | 'vni' | 'viscii' | 'viqr' | 'cp1258';

/** Legacy Vietnamese encoding detected in the body (src/text detect), so the reader can offer conversion. */
export interface LegacyHint {
  encoding: LegacyEncodingName;
  /** 0..1 (docs/text.md "Confidence"). */
  confidence: number;
}

/** messages.html: everything the reader needs beyond messages.get. */
export interface MessageHtml {
  /**
   * The HTML body exactly as the message carries it (decoded to text), or null when it has none. UNSANITISED: it is
   * hostile input, and only the renderer's sanitiser may put it in a document (docs/reader.md).
   */
  html: string | null;
  /** Hosts the HTML would fetch from (images, CSS, frames…), punycode, for the "remote content blocked" bar. */
  remoteHosts: string[];
  /** cid: references the HTML makes that an inline part answers. */
  cids: InlinePart[];
  /** Set when the text looks legacy-encoded (TCVN3, VNI…). */
  legacy: LegacyHint | null;
  /** One entry per attachment, same order as MessageDetail.attachments. */
  attachmentRisks: AttachmentRiskInfo[];
}

/** messages.source: the message as the server has it (RFC 5322), for "Xem mã nguồn". */
export interface MessageSource {
  /** Decoded as UTF-8 (invalid bytes as Windows-1252), up to the cap. */
  source: string;
  /** Size of the whole message on the server, in bytes. */
  size: number;
  /** True when only the first `source` bytes were fetched (the cap is MESSAGE_SOURCE_MAX_BYTES). */
  truncated: boolean;
}

/** attachments.get: one attachment's bytes. */
export interface AttachmentContent {
  index: number;
  filename: string;
  contentType: string;
  size: number;
  /** The bytes, base64. */
  base64: string;
}
