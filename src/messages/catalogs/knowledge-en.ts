import type { knowledgeFr } from './knowledge-fr';

/** The situations that have their own answer, in English. */
export const knowledgeEn: Record<keyof typeof knowledgeFr, string> = {
  'situation.revoked.title': 'Revoked certificate',
  'situation.revoked.short': 'A revocation is **final**: a revoked certificate can be neither reactivated nor renewed. You must **order a new certificate**.',
  'situation.revoked.detail': 'Order it on https://pfc.eservices.esante.gouv.fr/; a technical administrator must be designated before any request. Then install the new certificate in place of the old one in every software that used it. If the revocation was a mistake, tell the ANS certificate team: they cannot undo it, but they can help you get the replacement quickly.',
  'situation.key-compromised.title': 'Private key lost or compromised',
  'situation.key-compromised.short': 'The sheet does not cover this case. Without its private key a certificate is useless: you will need **a new certificate**. If the key may have been **copied**, tell the ANS certificate team **at once**; they will say whether the certificate must be revoked (a revocation is final).',
  'situation.key-compromised.detail': 'Never send the key itself, or its password, to anyone: nobody will ask you for it.',
  'situation.error-code.title': 'Error {code}',
  'situation.error-code.DESIR_560': 'INSi error **DESIR_560** comes from the certificate: its name (CN) must be **exactly INSI-MANU or INSI-AUTO**, and it must be issued by "AC IGC-SANTE ELEMENTAIRE ORGANISATIONS". Check the installed certificate (send me its public .cer/.pem file and I will read it); if it does not carry that name, you need an INSi certificate ordered as such.',
  'situation.error-code.unknown': 'I do not know the error code **{code}**: I would rather not guess. The full message and the software that shows it will help the support team; I can pass your request on to them.',
  'situation.one-solution.title': 'One certificate for several software solutions?',
  'situation.one-solution.short': 'In the **medico-social corridor** the sheet says so: **one certificate for a single solution** — two different software solutions need two certificates. For the **hospital corridor** the sheet does not say: ask the ANS certificate team before sharing a certificate between two solutions.',
  'situation.patient.title': 'Your own record',
  'situation.patient.short': 'certibot helps organisations and their IT teams manage their **software certificates**. For your own record (DMP, Mon espace santé) I cannot do anything: please turn to Mon espace santé or your health insurance fund (Assurance Maladie).',
  'situation.patient.detail': 'If your question is about the certificates a software of your organisation uses to reach the DMP, ask it that way and I will answer.',
  'situation.renamed.title': 'Renamed organisation',
  'situation.renamed.short': "The sheet does not cover an organisation's change of name. The name is in the certificate: ask the ANS certificate team whether a new one must be ordered, and keep the current one while it is valid.",
  'situation.vendor-change.title': 'Change of software vendor',
  'situation.vendor-change.short': 'The sheet does not cover a change of vendor or software. A certificate belongs to the organisation, not to the vendor: ask the ANS certificate team (or your new vendor) whether it can be installed in the new software or another one is needed — in the medico-social corridor the sheet says "one certificate for a single solution".',
  'feedback.whatMissing': "Thank you. What was missing? Tell me in a few words (the support team will read it), or ask an advisor straight away.",
  'feedback.detailThanks': "Thank you, it is passed on to the support team, who will improve the answer. If your question is still open, an advisor can take it.",
  'feedback.detailSkipped': "All right, nothing added. An advisor is still there for you: say \"I need a human\".",
  'contacts.region.title': "Contacts – {region}",
  'contacts.region.known': "For **{region}**, the GRADeS is **{grades}**: **{email}**. For any assistance request about certificates, the ANS certificate team: **{ans}**.",
  'contacts.region.unknown': "I do not have the address of the GRADeS for **{region}**, and I will not give you another region's. Write to the ANS certificate team, **{ans}**, for any assistance request; each region has its own GRADeS (regional e-health support group), which your regional health agency (ARS) or the ANS can point you to.",
};
