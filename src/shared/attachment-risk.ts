// Which attachments are dangerous to open (QĐ 50/2009/QĐ-UBND Điều 8: the mail system must protect against viruses;
// Điều 9.8: users must not spread them). One rule, pure, in src/shared so that the compose pane warns with it when
// attaching, the reader (through messages.html) and the engine's own attachments.get block with it, and a future
// machine policy can extend it. The rule looks at the file NAME (Windows decides by extension what
// a double-click runs) AND at the declared content type (a "Công văn.pdf" sent as application/x-msdownload is lying
// about something), and takes the stricter of the two.
//
// Sources for the lists: Outlook's "Level 1" blocked attachment types (Microsoft Learn, "Blocked attachments in
// Outlook", which added the Python and PowerShell extensions in 2019), and the container formats abused to slip past
// Mark-of-the-Web (ISO/IMG/VHD; OneNote in 2023).

import type { AttachmentRiskLevel, AttachmentRiskReason } from '../api/types-reader.ts';

export type { AttachmentRiskLevel, AttachmentRiskReason };

export interface AttachmentRisk {
  level: AttachmentRiskLevel;
  /** Why, when level is not 'none'. */
  reason: AttachmentRiskReason | null;
  /** The extension Windows would act on (lower case, without the dot), '' when there is none. */
  extension: string;
}

const list = (s: string): ReadonlySet<string> => new Set(s.trim().split(/\s+/));

const EXECUTABLE = list(`
  exe com scr pif cpl dll ocx sys drv msc gadget application appref-ms xbap xll mde ade adp accde
`);
const SCRIPT = list(`
  bat cmd js jse vbs vbe vb wsf wsh wsc ws sct hta ps1 ps1xml ps2 ps2xml psc1 psc2 psd1 psm1 pssc cdxml
  msh msh1 msh2 mshxml msh1xml msh2xml reg inf ins isp chm hlp py pyc pyo pyw pyz pyzw sh csh ksh
  applescript scpt vsw vsmacros mcf diagcab
`);
const SHORTCUT = list(`lnk url scf website settingcontent-ms library-ms search-ms searchconnector-ms desktop pif`);
const INSTALLER = list(
  `msi msp mst msix msixbundle appx appxbundle appinstaller jar jnlp crx xpi vsix apk dmg pkg mpkg deb rpm`,
);
const DISK_IMAGE = list(`iso img vhd vhdx udf`);
const MACRO_DOCUMENT = list(`docm dotm xlsm xltm xlsb xlam xla pptm potm ppsm sldm ppam ppa`);
// Not .xml: Vietnamese e-invoices (hóa đơn điện tử) are XML files, and a browser shows them without running anything.
const ACTIVE_CONTENT = list(`html htm xhtml shtml mht mhtml svg svgz one onepkg xsl xslt`);
/** Ordinary document and media extensions that a disguised name pretends to be. */
const DOCUMENT_LIKE = list(`
  pdf doc docx xls xlsx ppt pptx odt ods odp txt rtf csv jpg jpeg png gif bmp tif tiff zip rar 7z mp3 mp4
`);

const BLOCK_REASONS: ReadonlyArray<[ReadonlySet<string>, AttachmentRiskReason]> = [
  [EXECUTABLE, 'executable'],
  [SCRIPT, 'script'],
  [SHORTCUT, 'shortcut'],
  [INSTALLER, 'installer'],
  [DISK_IMAGE, 'disk-image'],
];

/** Content types that mean "runs code", whatever the name says (lower case, parameters removed). */
const DANGEROUS_TYPES: ReadonlyMap<string, AttachmentRiskReason> = new Map([
  ['application/x-msdownload', 'executable'],
  ['application/x-msdos-program', 'executable'],
  ['application/x-dosexec', 'executable'],
  ['application/x-executable', 'executable'],
  ['application/x-ms-dos-executable', 'executable'],
  ['application/vnd.microsoft.portable-executable', 'executable'],
  ['application/x-msi', 'installer'],
  ['application/x-ms-installer', 'installer'],
  ['application/x-ole-storage', 'installer'],
  ['application/java-archive', 'installer'],
  ['application/x-java-archive', 'installer'],
  ['application/x-java-jnlp-file', 'installer'],
  ['application/javascript', 'script'],
  ['application/x-javascript', 'script'],
  ['application/ecmascript', 'script'],
  ['text/javascript', 'script'],
  ['text/ecmascript', 'script'],
  ['text/jscript', 'script'],
  ['text/vbscript', 'script'],
  ['application/x-vbscript', 'script'],
  ['application/hta', 'script'],
  ['application/x-bat', 'script'],
  ['application/bat', 'script'],
  ['application/x-powershell', 'script'],
  ['application/x-sh', 'script'],
  ['application/x-csh', 'script'],
  ['text/x-python', 'script'],
  ['application/x-python-code', 'script'],
  ['application/x-ms-shortcut', 'shortcut'],
  ['application/x-mswinurl', 'shortcut'],
  ['application/x-iso9660-image', 'disk-image'],
  ['application/x-cd-image', 'disk-image'],
  ['application/x-raw-disk-image', 'disk-image'],
  ['application/x-vhd', 'disk-image'],
  ['application/vnd.ms-word.document.macroenabled.12', 'macro-document'],
  ['application/vnd.ms-word.template.macroenabled.12', 'macro-document'],
  ['application/vnd.ms-excel.sheet.macroenabled.12', 'macro-document'],
  ['application/vnd.ms-excel.template.macroenabled.12', 'macro-document'],
  ['application/vnd.ms-excel.addin.macroenabled.12', 'macro-document'],
  ['application/vnd.ms-excel.sheet.binary.macroenabled.12', 'macro-document'],
  ['application/vnd.ms-powerpoint.presentation.macroenabled.12', 'macro-document'],
  ['application/vnd.ms-powerpoint.slideshow.macroenabled.12', 'macro-document'],
  ['application/vnd.ms-powerpoint.template.macroenabled.12', 'macro-document'],
  ['application/vnd.ms-powerpoint.addin.macroenabled.12', 'macro-document'],
]);

// Bidirectional controls reorder what the user sees ("\u202Efdp.exe" shows as "exe.pdf"); zero-width characters and
// other format controls hide inside a name. None belongs in an attachment name.
const BIDI_OR_INVISIBLE = /[\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/u;
// A CLSID "extension" (name.{3050f4d8-98b5-11cf-bb82-00aa00bdce0b}) makes Explorer treat the file as that class.
const CLSID = /^\{[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}$/;

function levelOf(reason: AttachmentRiskReason): AttachmentRiskLevel {
  return reason === 'macro-document' || reason === 'active-content' ? 'warn' : 'block';
}

/**
 * The name as Windows would see it: NFC, with trailing dots and spaces dropped (Windows strips them, so "x.exe." is
 * an .exe), lower case.
 */
function windowsName(filename: string): string {
  return filename
    .normalize('NFC')
    .replace(/[.\s]+$/u, '')
    .toLowerCase();
}

function extensionOf(name: string): string {
  const base = name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
  const dot = base.lastIndexOf('.');
  return dot >= 0 ? base.slice(dot + 1).trim() : '';
}

function byExtension(ext: string): AttachmentRiskReason | null {
  if (CLSID.test(ext)) return 'executable';
  for (const [set, reason] of BLOCK_REASONS) if (set.has(ext)) return reason;
  if (MACRO_DOCUMENT.has(ext)) return 'macro-document';
  if (ACTIVE_CONTENT.has(ext)) return 'active-content';
  return null;
}

function byContentType(contentType: string): AttachmentRiskReason | null {
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  return DANGEROUS_TYPES.get(type) ?? null;
}

/** The risk of one attachment, from its name and declared content type. */
export function attachmentRisk(a: { filename: string; contentType: string }): AttachmentRisk {
  const name = windowsName(a.filename ?? '');
  const extension = extensionOf(name);
  const none: AttachmentRisk = { level: 'none', reason: null, extension };

  if (BIDI_OR_INVISIBLE.test(a.filename ?? '')) return { level: 'block', reason: 'disguised-name', extension };

  const extReason = byExtension(extension);
  const typeReason = byContentType(a.contentType ?? '');

  if (extReason && levelOf(extReason) === 'block') {
    // "Báo cáo.pdf.exe" or "Báo cáo.pdf          .exe": the document extension is bait.
    const stem = name.slice(0, name.length - extension.length - 1);
    const inner = extensionOf(stem.trimEnd());
    const padded = /\s{3,}$/u.test(stem);
    if (padded || (inner && DOCUMENT_LIKE.has(inner))) return { level: 'block', reason: 'disguised-name', extension };
    return { level: 'block', reason: extReason, extension };
  }
  if (typeReason && levelOf(typeReason) === 'block') {
    // The type says "program" but the name does not: the name is not to be trusted.
    return { level: 'block', reason: extension ? 'type-mismatch' : typeReason, extension };
  }
  if (extReason) return { level: 'warn', reason: extReason, extension };
  if (typeReason) return { level: 'warn', reason: typeReason, extension };
  return none;
}

/** True when the reader may offer "open" / "save" at all (everything that is not blocked). */
export function mayHandOut(a: { filename: string; contentType: string }): boolean {
  return attachmentRisk(a).level !== 'block';
}
