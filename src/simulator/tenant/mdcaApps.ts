/**
 * Defender for Cloud Apps catalogue: which apps exist, their domains/URLs, and their sanction
 * state. Unsanctioned → MDCA syncs Block indicators for each domain/URL; Monitored → Warn;
 * Sanctioned or untagged → none (mde-govern.md).
 */

/**
 * The values MDCA-created indicators carry. The real API values are unverified (api-contracts §a
 * "Gaps"; domain-notes §1 cites a practitioner walkthrough for the portal labels). Kept in ONE
 * place so they can be corrected once confirmed.
 */
export const MDCA_CREATOR = {
  createdBy: 'Microsoft Defender for Cloud Apps',
  createdByDisplayName: 'Microsoft Defender for Cloud Apps',
  createdBySource: 'MicrosoftDefenderForCloudApps',
  blockTitle: 'Unsanctioned cloud app access was blocked',
  warnTitle: 'Connection to a risky cloud application was detected',
} as const;

export type SanctionState = 'unsanctioned' | 'monitored' | 'sanctioned' | 'none';

export interface MdcaApp {
  name: string;
  /** Domains become DomainName indicators; entries with a path become Url indicators. */
  endpoints: string[];
  state: SanctionState;
  /** MDCA scoped profile: device groups the indicators are limited to; empty = all devices. */
  scopedGroups: string[];
}

export const MDCA_APP_CATALOGUE: readonly MdcaApp[] = [
  { name: 'WeTransfer', endpoints: ['wetransfer.com', 'we.tl', 'https://wetransfer.com/uploads'], state: 'unsanctioned', scopedGroups: [] },
  { name: 'Mega', endpoints: ['mega.nz', 'mega.io', 'mega.co.nz', 'https://mega.nz/file'], state: 'unsanctioned', scopedGroups: [] },
  { name: 'Anonfiles', endpoints: ['anonfiles.com', 'anonfile.com'], state: 'unsanctioned', scopedGroups: [] },
  { name: 'Pastebin', endpoints: ['pastebin.com', 'https://pastebin.com/raw'], state: 'unsanctioned', scopedGroups: ['Finance', 'Kiosk'] },
  { name: 'TeraBox', endpoints: ['terabox.com', 'teraboxapp.com', '1024tera.com'], state: 'unsanctioned', scopedGroups: [] },
  { name: 'Sendspace', endpoints: ['sendspace.com', 'fs.sendspace.com'], state: 'unsanctioned', scopedGroups: ['Finance'] },
  { name: 'Zippyshare', endpoints: ['zippyshare.com', 'www.zippyshare.com'], state: 'unsanctioned', scopedGroups: [] },
  { name: 'ChatGPT', endpoints: ['chatgpt.com', 'chat.openai.com', 'https://chatgpt.com/backend-api'], state: 'monitored', scopedGroups: [] },
  { name: 'Telegram Web', endpoints: ['web.telegram.org', 'telegram.org'], state: 'monitored', scopedGroups: ['Servers-Tier0'] },
  { name: 'Discord', endpoints: ['discord.com', 'discordapp.com', 'cdn.discordapp.com'], state: 'monitored', scopedGroups: [] },
  { name: 'pCloud', endpoints: ['pcloud.com', 'my.pcloud.com'], state: 'monitored', scopedGroups: [] },
  { name: 'Dropbox', endpoints: ['dropbox.com', 'dropboxapi.com', 'dl.dropboxusercontent.com'], state: 'none', scopedGroups: [] },
  { name: 'Box', endpoints: ['box.com', 'app.box.com', 'boxcdn.net'], state: 'none', scopedGroups: [] },
  { name: 'Google Drive', endpoints: ['drive.google.com', 'docs.google.com'], state: 'none', scopedGroups: [] },
  { name: 'DeepSeek', endpoints: ['chat.deepseek.com', 'deepseek.com', 'api.deepseek.com'], state: 'none', scopedGroups: [] },
  { name: 'Slack', endpoints: ['slack.com', 'app.slack.com'], state: 'sanctioned', scopedGroups: [] },
  { name: 'Microsoft OneDrive for Business', endpoints: ['onedrive.live.com', 'contoso-my.sharepoint.com'], state: 'sanctioned', scopedGroups: [] },
  { name: 'Zoom', endpoints: ['zoom.us', 'zoom.com'], state: 'sanctioned', scopedGroups: [] },
  { name: 'Notion', endpoints: ['notion.so', 'notion.site'], state: 'none', scopedGroups: [] },
  { name: 'TikTok', endpoints: ['tiktok.com', 'tiktokcdn.com', 'tiktokv.com'], state: 'none', scopedGroups: [] },
];

/** Indicator type of a catalogue endpoint. */
export function endpointType(endpoint: string): 'Url' | 'DomainName' {
  return endpoint.includes('://') ? 'Url' : 'DomainName';
}
