/**
 * The domain concept lexicon, as data: French and English words, abbreviations, frequent typos and multi-word
 * phrases that mean the same thing are mapped to one canonical concept token (`#renew`, `#expired`, …) before
 * classification. This is what lets an English training sentence teach the model about a French question, and a
 * "renouvelement" or "renw" count as "renouvellement".
 *
 * Terms are written the way `normalizeText` leaves them (lower case, no accents, apostrophes as spaces), but they
 * are normalized again when the lexicon is built, so an accent here is harmless. A term of several words is a
 * phrase: the longest phrase wins. A concept value of several tokens (`'#finess #legal'`) emits all of them.
 *
 * Everything here comes from the domain (the practical sheet, the knowledge brief, how hospital IT staff write)
 * and from general French/English usage — never from a particular held-out sentence.
 */
export interface ConceptEntry {
  /** The canonical token(s) the terms are replaced with, space-separated. */
  readonly concept: string;
  /** Comma-separated terms; a term with spaces is a phrase. */
  readonly terms: string;
}

export const CONCEPTS: readonly ConceptEntry[] = [
  // --- The thing itself -------------------------------------------------------------------------------------
  { concept: '#cert', terms: 'certificat, certificats, certif, certifs, cert, certs, certificate, certificates, certficat, certifcat' },
  { concept: '#software', terms: 'logiciel, logiciels, software, softwares, applicatif, applicatifs' },
  { concept: '#server', terms: 'serveur, serveurs, server, servers' },
  { concept: '#ans', terms: 'agence du numerique en sante, agence numerique en sante, agence numerique sante' },
  { concept: '#igc', terms: 'igc, igc sante, igcsante, igc-sante, igc santé, ac igc' },
  { concept: '#pfc', terms: 'pfc, pfc eservices, eservices, pfc.eservices, pfc.eservices.esante.gouv.fr' },
  { concept: '#platform', terms: 'plateforme, plateformes, platform, platforms, portail, portal, espace en ligne' },
  { concept: '#svc', terms: 'dmp, insi, ins, mssante, mss, messagerie securisee, segur, teleservice, teleservices, dossier medical partage' },
  { concept: '#certtype', terms: 'org, serv, auth cli, authcli, sign, conf, ssl serv, sslserv, smime, s/mime, insi auto, insiauto, insi manu, insimanu, type de certificat, types de certificats, certificate type, kind of certificate, type of certificate' },
  { concept: '#cn', terms: 'cn, common name' },
  { concept: '#csr', terms: 'csr, cle, cles, key, keys, cle privee, private key, bi cle' },
  { concept: '#bot', terms: 'bot, robot, certibot, chatbot, assistant virtuel' },

  // --- Sharing / sites / legal entities ----------------------------------------------------------------------
  { concept: '#share', terms: 'mutualiser, mutualise, mutualisee, mutualisees, mutualises, mutualisation, mutualisable, mutualisables, mutualize, mutualise, mutualised, mutualising, mutualisaton, partager, partage, partagee, partages, partagees, partageable, share, shared, shares, sharing, pool, pooled, pooling, commun, commune, communs, communes, common, global, globale, same certificate, same cert, meme certificat, meme certif' },
  { concept: '#one', terms: 'un seul, une seule, seul, seule, single, only one, one single, un unique, unique, one, un certificat unique' },
  { concept: '#each', terms: 'chaque, chacun, chacune, each, every, par site, per site, par etablissement, per establishment, par finess, per finess, for every, pour chaque' },
  { concept: '#site', terms: 'site, etablissement, etablisement, establishment, establishement, facility, structure geographique, antenne, implantation, campus, site geographique, geographic site' },
  { concept: '#sites', terms: 'sites, etablissements, etablisements, establishments, establishements, facilities, antennes, implantations, multisite, multisites, multi site, multi sites, plusieurs sites, several sites, multiple sites, tous nos sites, toutes nos structures, all our sites, all sites, tous les sites, nos sites, our sites' },
  { concept: '#clinic #site', terms: 'clinique, clinic, polyclinique' },
  { concept: '#clinic #sites', terms: 'cliniques, clinics, polycliniques' },
  { concept: '#finess', terms: 'finess' },
  { concept: '#finess #legal', terms: 'finess ej, finess juridique, legal finess' },
  { concept: '#finess #geo', terms: 'finess et, finess geographique, finess geo, geographic finess' },
  { concept: '#legal', terms: 'juridique, juridiques, juridque, legal, legale, ej, entite juridique, entites juridiques, legal entity, legal entities, personne morale, personnes morales, entity, entities, entite, entites, niveau juridique' },
  { concept: '#geo', terms: 'geographique, geographiques, geographic, geographical, geo, niveau geographique, site level, geographic level' },
  { concept: '#group', terms: 'ght, groupement, groupements, groupement hospitalier, groupe, groupes, group, groups, association, associations, organisme gestionnaire, organismes gestionnaires, gestionnaire, managing organisation, managing organization, managing body, hospital group, groupe de cliniques, fusion, fusionne, fusionner, merged, merger, merge' },
  { concept: '#medsoc', terms: 'medico social, medico-social, medicosocial, medico sociale, esms, ime, esat, ssiad, mas, fam, nursing home, nursing homes, care home, care homes, maison de retraite' },
  { concept: '#medsoc #site', terms: 'ehpad' },
  { concept: '#hospital', terms: 'hopital, hospital, hopitaux, hospitals, ch, chu, chr, centre hospitalier, centres hospitaliers, university hospital, ssr, rehab, rehab centre, sanitaire, couloir hopital, hospital corridor' },
  { concept: '#private', terms: 'prive, privee, prives, privees, private' },
  { concept: '#public', terms: 'public, publics, publique, publiques' },
  { concept: '#dialysis', terms: 'dialyse, dialyses, hemodialyse, dialysis, autodialyse' },

  // --- Validity ------------------------------------------------------------------------------------------------
  { concept: '#validity', terms: 'validite, validitee, valabilite, validity, validty, valable, valables, valid, valide, valides, duree de validite, periode de validite, validity period, period of validity, duration of validity' },
  { concept: '#lifetime', terms: 'duree, durees, duration, lifetime, life time, duree de vie, durer, dure, durent, last for, lasts, tient, tenir, stay valid, remain valid, good for' },
  { concept: '#howlong', terms: 'combien de temps, cb de temps, combien de tps, combien d temps, how long, how many years, how many months, combien d annees, combien d ans, combien de mois, combien d annee, tous les combien, how often, au bout de combien' },
  { concept: '#forever', terms: 'a vie, forever, indefiniment, illimite, illimitee, unlimited, permanent, maximum, maximale, max' },
  { concept: '#year', terms: 'annee, annees, year, years, yearly' },
  { concept: '#timeunit', terms: 'mois, month, months, semaine, semaines, week, weeks, jour, jours, day, days' },

  // --- Expiry, expired ----------------------------------------------------------------------------------------
  { concept: '#expiry', terms: 'expire, expirer, expiration, expirations, expiry, expires, expiring, expirent, expireront, echeance, echeances, date de fin, end date, fin de validite, date d expiration, expiry date, expiration date, runs out, run out, arrive a echeance, arrive a expiration, notafter, not after, fin du certificat, end of the certificate' },
  { concept: '#expired', terms: 'expired, expird, expierd, lapsed, perime, perimee, perimes, perimees, echu, echue, echus, a expire, est expire, est expiree, sont expires, deja expire, deja expiree, ont expire, s est expire, a expirer, est expirer, etait expire, expire depuis, ran out, has run out, plus valide, plus valable, n est plus valide, n est plus valable, no longer valid, not valid anymore, isn t valid anymore, est mort, is dead, already expired, has expired, have expired, had expired' },
  { concept: '#late', terms: 'trop tard, too late, depasse, depassee, depassees, hors delai, past the deadline, missed the deadline, overdue, passed' },
  { concept: '#stillvalid', terms: 'encore valide, encore valable, toujours valide, toujours valable, toujours bon, encore bon, still valid, still good, still ok' },
  { concept: '#grace', terms: 'periode de grace, grace period, grace, tolerance, delai de grace' },
  { concept: '#outage', terms: 'erreur, erreurs, error, errors, echoue, echouent, echec, failing, fails, failed, fail, failure, down, ko, hs, coupe, coupes, coupee, cut, cut off, ne fonctionne plus, ne marche plus, marche plus, fonctionne plus, no longer works, not working, stopped working, ne passe plus, passe plus, plus acces, plus d acces, rejette, rejects, rejected, rejete, en panne, bloque, bloques, blocked, stuck, plante, broken, outage, interruption, coupure, cata, catastrophe' },
  { concept: '#urgent', terms: 'urgent, urgente, urgence, urgently, emergency, asap, au plus vite, vite' },

  // --- Notification ------------------------------------------------------------------------------------------
  { concept: '#warn', terms: 'notification, notifications, notif, notifs, notifie, notifies, notifiee, notified, notify, notice, notices, avertissement, avertissements, avertissment, warning, warnings, warned, warn, prevenu, prevenus, prevenir, previent, preavis, avis, heads up, averti, avertis, advance warning, advance notice, alerte de l ans, ans warning, ans alert' },
  { concept: '#mail', terms: 'mail, mails, email, emails, e mail, e-mail, courriel, courriels, mel, message, messages' },
  { concept: '#address', terms: 'adresse, adresses, adress, address, addresses, adresse mail, email address, adresse email, adresse electronique' },
  { concept: '#sender', terms: 'expediteur, expeditrice, sender, from address, noreply, no reply, no-reply, envoye par, sent by, vient de quelle adresse, comes from' },
  { concept: '#receive', terms: 'recu, recue, recus, reçu, recevoir, recoit, recoivent, receive, received, receives, recieve, recieved, recieves, get warned, arrive, arrivera, arrives, land, lands' },
  { concept: '#spam', terms: 'spam, spams, indesirable, indesirables, junk, courrier indesirable' },
  { concept: '#send', terms: 'envoie, envoye, envoyee, envoyer, envoyes, send, sends, sent, partira, goes out, go out' },

  // --- Renewal -----------------------------------------------------------------------------------------------
  { concept: '#renew', terms: 'renouveler, renouvellement, renouvelement, renouveller, renouvellemnt, renouvelle, renouvele, renouvelee, renouveles, renouvelles, renouvel, renouvelable, renouvellements, renouvelons, renouvelez, renouvellera, renew, renews, renewal, renewals, renewing, renewed, renw, renewel, renouvelles, prolonger, prolongation, prolong, extend, extending, reconduire, reconduction, auto renew, autorenew' },
  { concept: '#auto', terms: 'automatique, automatiquement, auto, automatic, automatically, tout seul, toute seule, by itself, itself, lui meme, tacite' },
  { concept: '#install', terms: 'installer, reinstaller, reinstaler, install, reinstall, reinstalled, deployer, deploy, importer, import, remplacer, replace' },
  { concept: '#procedure', terms: 'procedure, procedures, demarche, demarches, etapes, etape, steps, step, process, marche a suivre, mode de fonctionnement, procedure to follow, walk me through, comment proceder, how to proceed' },
  { concept: '#how', terms: 'comment, how, how do i, how do we, how can i, how can we, how to, comment faire, comment on fait, comment je fais, comment ca marche, how does it work' },
  { concept: '#when', terms: 'quand, when, a partir de quand, from when, jusqu a quand, until when, qd, by when, a quelle date, what date, which date, date limite' },
  { concept: '#who', terms: 'qui, who, whom, a qui, to whom' },
  { concept: '#howmany', terms: 'combien, how many, how much, cb, cmbien, combient' },
  { concept: '#which', terms: 'quel, quelle, quels, quelles, which, lequel, laquelle' },
  { concept: '#leadtime', terms: 'delai, delais, delai de delivrance, delai d obtention, lead time, turnaround, how long does it take, how long will it take, combien de temps faut il, combien de temps ca prend, combien de temps pour obtenir, processing time, temps de traitement' },
  { concept: '#where', terms: 'where, where do i, where can i, c est ou, se trouve, ou trouver, ou envoyer, ou ecrire, ou est, ou sont, ou se trouve, whereabouts' },
  { concept: '#ago', terms: 'ago, auparavant, plus tot, earlier' },
  { concept: '#online', terms: 'en ligne, online, internet' },
  { concept: '#fee', terms: 'payant, payante, gratuit, gratuite, free, fee, fees, cost, costs, cout, tarif, prix, price, paid, charge' },

  // --- Ordering ------------------------------------------------------------------------------------------------
  { concept: '#order', terms: 'commander, commande, commandes, commandee, commandees, comander, commende, comande, commandez, order, orders, ordering, ordered, odering, ordring, passer commande, place an order, placer une commande' },
  { concept: '#request', terms: 'demande, demander, demandes, demandez, request, requests, requesting, requested, demand, faire une demande, make a request, demmande' },
  { concept: '#obtain', terms: 'obtenir, obtain, procurer, se procurer, get a certificate, get one, avoir un certificat, get a cert, acquerir' },
  { concept: '#new', terms: 'nouveau, nouvelle, nouvel, nouveaux, nouvelles, new, premier certificat, first certificate, premiere demande, first request' },
  { concept: '#first', terms: 'premier, premiere, first, frist, premeir, initial, initiale' },
  { concept: '#techadmin', terms: 'administrateur technique, administrateurs techniques, admin technique, admins techniques, administrateur tecnique, administrateurs techiques, technical administrator, technical administrators, technical admin, technical admins, tech admin, admin tech, contact technique, technical contact, administrateur, administrateurs, admin, admins, administrator, administrators, adminstrateur, administateur, administateurs, adminstrator, administators, administrtor' },
  { concept: '#designate', terms: 'designer, designe, designation, designate, designated, declarer, declare, declared, register, registered, renseigner, renseigne, renseignee, renseignees, nommer, appoint, nominate' },
  { concept: '#revoke', terms: 'revoquer, revoque, revocation, revoke, revoked, revoking, annuler le certificat' },
  { concept: '#vendor', terms: 'editeur, editeurs, vendor, vendors, software vendor, fournisseur de logiciel, prestataire, prestataires, integrateur, supplier, dpi, ehr, emr' },
  { concept: '#documents', terms: 'justificatif, justificatifs, pieces, pieces justificatives, documents a fournir, documents needed, supporting documents, kbis' },

  // --- Good practice -------------------------------------------------------------------------------------------
  { concept: '#advice', terms: 'conseil, conseils, conseille, conseilles, conseillez, conseillee, recommande, recommandee, recommandes, recommandez, recommandation, recommandations, recomandations, recommandons, recommendation, recommendations, recomendations, recommend, recommended, recommends, advice, advise, advisable, advisible, advised, tips, tip, bonne pratique, bonnes pratiques, best practice, best practices, best practises, good practice, good practices, bonne idee, good idea, precaution, precautions, preconisation, preconisations, preconise, guidelines, conseille de' },
  { concept: '#better', terms: 'mieux, better, vaut mieux, mieux vaut, prefere, preferable, faut il mieux' },
  { concept: '#generic', terms: 'generique, generiques, generic, fonctionnelle, fonctionnel, functional, boite generique, bal generique, shared mailbox, shared mailboxes, boite partagee, adresse partagee, boite fonctionnelle, team mailbox, adresse de service, service address, group mailbox, liste de diffusion, distribution list' },
  { concept: '#personal', terms: 'nominative, nominatives, nominatif, personal, perso, personnelle, personnel, individual, individuelle, named person' },
  { concept: '#mailbox', terms: 'bal, boite, boites, mailbox, mailboxes, inbox, boite mail, boite aux lettres, boite de reception' },
  { concept: '#turnover', terms: 'turnover, turn over, turn-over, rotation, retraite, retire, retiring, retirement, depart de l admin, staff change, staff changes, equipes changent, mutation, mutations, leaves the company, quitte, quitter, s en va' },
  { concept: '#miss', terms: 'oublier, oubli, oublie, forget, forgotten, rater, rate, miss, missed, missing, surprendre, surpris, caught out, caught, piege, pieger, se faire surprendre, passer a cote, louper, loupe' },
  { concept: '#ahead', terms: 'anticiper, anticipate, anticipation, anticipe, en avance, a l avance, ahead, advance, in advance, d avance' },
  { concept: '#inventory', terms: 'inventaire, inventory, registre, cartographie, recensement, spreadsheet, tableau de suivi, tableur' },
  { concept: '#organize', terms: 'organiser, organise, organize, organisation interne, s organiser, fiabiliser, reliable, process interne, internal process, gouvernance, governance' },
  { concept: '#internal', terms: 'interne, internal, de notre cote, our own, our side, de notre part, en interne, in house' },

  // --- Contacts, support, humans --------------------------------------------------------------------------------
  { concept: '#contact', terms: 'contact, contacts, contacter, contactez, contatc, contcat, joindre, reach, reach out, get in touch, interlocuteur, interlocteur, interlocutor, coordonnees, coordonees, contact details, contact detials, point of contact, point de contact, referent, referente, correspondant' },
  { concept: '#support', terms: 'support, suport, assistance, helpdesk, help desk, service desk, hotline, sav, hot line' },
  { concept: '#team', terms: 'equipe, equipes, team, service' },
  { concept: '#grades', terms: 'grades, gradés, grade, e sante occitanie, esante occitanie, pulsy, acssi' },
  { concept: '#region', terms: 'region, regional, regionale, regions, occitanie, grand est, bretagne, normandie, ile de france, paca, auvergne, hauts de france, nouvelle aquitaine, bourgogne, centre val de loire, pays de la loire' },
  { concept: '#human', terms: 'humain, humaine, human, humans, humman, personne, person, people, quelqu un, someone, somebody, agent, agents, technicien, technicienne, technician, expert, experts, operateur humain, vraie personne, real person, actual person, vrai interlocuteur, conseillere, advisor, adviser, live agent' },
  { concept: '#ticket', terms: 'ticket, tickets, tiket, tikcet, incident, incidents, demande d assistance, support request, assistance request, demande de support, case' },
  { concept: '#escalate', terms: 'escalader, escalade, escalate, escalation, transmettre, transmets, transmettez, transmis, transmet, transfere, transferer, transferez, transfer, forward, remonter, fais remonter, faire remonter, pass on, passer la main, hand over, relayer, relay, handoff' },
  { concept: '#callback', terms: 'call me back, call back, call me, me rappeler, me rappelle, rappelez moi, phone me' },
  { concept: '#talk', terms: 'parler, parle, speak, talk, echanger, discuter, chat, chatter, en relation, mettre en relation, put me in touch, in touch, mettez moi en relation' },
  { concept: '#real', terms: 'vrai, vraie, real, actual, reel, reelle' },

  // --- Guides ---------------------------------------------------------------------------------------------------
  { concept: '#guide', terms: 'guide, guides, gide, guid, documentation, documentaion, documentaiton, documantation, doc, docs, manuel, manual, user manual, mode operatoire, mode d emploi, tutoriel, tutorial, tuto, pas a pas, step by step, notice d utilisation, referentiel' },
  { concept: '#sheet', terms: 'fiche, fiche pratique, practical sheet, sheet, fiches, memo' },
  { concept: '#version', terms: 'version, versions, v0, v1, edition, revision' },
  { concept: '#latest', terms: 'recent, recente, recents, plus recent, plus recente, latest, newest, newer, derniere, dernier, a jour, up to date, up-to-date, mis a jour, mise a jour, updated, udpated, update, updates, actuel, actuelle, current, obsolete, outdated, perime le guide' },
  { concept: '#link', terms: 'lien, liens, link, links, url, adresse web' },
  { concept: '#download', terms: 'telecharger, telechargement, download, downloads, recuperer, get the file' },

  // --- Dates ----------------------------------------------------------------------------------------------------
  { concept: '#issued', terms: 'delivre, delivree, delivres, delivrance, delivered, emis, emise, issued, isued, issue date, date de delivrance, obtenu, obtenue, obtention, obtained, recu le, received on, on l a eu, genere, generated, date d emission, date of issue' },
  { concept: '#calc', terms: 'calcule, calculer, calcul, calculez, calcule moi, compute, calculate, calculation, work out, figure out, calcul date' },
  { concept: '#remaining', terms: 'reste, restant, restante, il me reste, il reste, remaining, left, time left, encore combien' },
  { concept: '#monthname', terms: 'janvier, fevrier, mars, avril, mai, juin, juillet, aout, septembre, octobre, novembre, decembre, janv, fevr, oct, nov, dec, january, february, march, april, june, july, august, september, october, november, december, jan, feb, apr, jun, jul, aug' },
  { concept: '#dateword', terms: 'date, dates, datee, dates cles, key dates, deadlines, deadline, dealine, echeancier, calendrier, calendar, timeline' },

  // --- Reminders ------------------------------------------------------------------------------------------------
  { concept: '#remind', terms: 'rappel, rappels, rapel, rappelle moi, rapelle moi, rappelle nous, rappelle-moi, remind, reminds, reminder, reminders, remider, remnd, remine, nudge, ping, relance, relances, relancer, relance moi, pense a me, previens moi, previens nous, warn me, notify me, let me know, tiens moi au courant, fais moi signe' },
  { concept: '#alert', terms: 'alerte, alertes, alert, alerts, alret, alete, alarme, alarm, alarms' },
  { concept: '#cancel', terms: 'arrete, arreter, arretez, stop, stopper, annule, annuler, annulez, supprime, supprimer, suprime, supprimez, delete, remove, cancel, desactive, desactiver, disable, turn off, switch off, plus de rappels, no more' },
  { concept: '#enable', terms: 'active, activer, activez, activate, enable, turn on, switch on, programme, programmer, schedule, planifie, planifier, cree, creer, create, set up, mets moi, met moi, enregistre, enregistrer, save' },
  { concept: '#list', terms: 'liste, lister, list, afficher, affiche, montre, montrer, show, display, quels sont mes, which are my, mes certificats, my certificates' },
  { concept: '#change', terms: 'modifie, modifier, change, changer, changes, modify, edit, edite, au lieu, instead' },
  { concept: '#channel', terms: 'canal, canaux, channel, channels, dans teams, in teams, sur teams, on teams, conversation, en prive, privately, in private, dans cette equipe, in this team' },
  { concept: '#track', terms: 'suivre, suivi, suivis, suivie, suivies, track, tracking, tracked, follow, follow up, follow-up, surveiller, surveille, surveilles, watch, watching, monitor, monitoring, monitored, garder un oeil' },

  // --- Conversation -------------------------------------------------------------------------------------------
  { concept: '#thanks', terms: 'merci, mrc, mci, mercii, merciii, remercie, remercions, remerciements, thanks, thank, thx, ty, tx, thnaks, thansk, thanx, cheers, appreciated, appreciate, grateful' },
  { concept: '#great', terms: 'genial, super, parfait, top, nickel, excellent, impeccable, great, awesome, perfect, brilliant, cool, nice, parfait merci' },
  { concept: '#hello', terms: 'bonjour, bonsoir, salut, coucou, bjr, bsr, slt, hello, helo, hi, hey, hiya, howdy, yo, greetings, good morning, good afternoon, good evening, re bonjour, bien le bonjour' },
  { concept: '#helpword', terms: 'aide, help, menu, options, fonctionnalites, features, commandes disponibles, available commands, list of commands, liste des commandes, capacites, abilities, capabilities, sujets, topics' },

  // --- Out of scope near-misses --------------------------------------------------------------------------------
  { concept: '#othercert', terms: 'medical, medicale, medicaux, deces, death, naissance, birth, scolarite, school, travail, employment, work certificate, urbanisme, conformite, compliance, electrique, electrical, electricite, vaccination, vaccin, vaccine, aptitude, fitness, sport, sports, sportif, sportive, mariage, marriage, residence, hebergement, domicile, arret de travail, sick note, non contre indication, contre indication, bapteme, nationalite, cession, immatriculation, non gage, assurance, insurance, scolaire, employeur, employer, stage, internship, diplome, diploma, piscine, swimming' },
  { concept: '#otherobject', terms: 'abonnement, abonnements, subscription, subscriptions, licence, licences, license, licenses, contrat, contrats, contract, contracts, passeport, passport, mutuelle, carte grise, permis de conduire, bail, lease, garantie, warranty, nom de domaine, domain name, forfait, phone plan, plan telephonique, adhesion, membership, cotisation' },
  { concept: '#cps', terms: 'cps, e cps, e-cps, ecps, carte cps, cps card, carte professionnelle, pro sante connect, prosanteconnect, psc, carte vitale, vitale, pin, code pin, puk, lecteur de carte, card reader, cpx' },
  { concept: '#card', terms: 'carte, cartes, card, cards, badge, badges' },
  { concept: '#web', terms: 'lets encrypt, let s encrypt, letsencrypt, certbot, https, http, site web, site internet, website, web site, public website, site public, nginx, apache, iis, godaddy, digicert, sectigo, gandi, ovh, globalsign, ca commercial, commercial ca, commercial, fournisseur commercial, wildcard, domaine, domain, navigateur, browser, chrome, firefox, edge, cadenas, padlock' },
  { concept: '#itnoise', terms: 'imprimante, imprimantes, imprimmante, printer, printers, imprimer, imprime, print, wifi, wi fi, vpn, outlook, windows, excel, word, powerpoint, gmail, office, office 365, java, antivirus, usb, ecran, screen, clavier, keyboard, souris, mouse, photocopieuse, photocopier, copieur, scanner, ordinateur, computer, pc, laptop, portable, session, mot de passe, password, passwords, mdp, login, wallpaper, fond d ecran, screenshot, capture d ecran, bluetooth, ascenseur, lift, elevator, cartouche, cartridge, toner, agrafeuse, stapler, webcam, micro, casque, headset, logiciel de paie, payroll, messagerie gmail, zoom' },
  { concept: '#lifenoise', terms: 'meteo, weather, cantine, canteen, cafeteria, cafet, self, dejeuner, lunch, midi, manger, eat, eating, paie, payday, paye, conges, rtt, blague, joke, poeme, poem, match, foot, football, game, serie, series, film, movie, cafe, coffee, dieu, god, capitale, capital, euro, bourse, tour de france, anniversaire, birthday, pot de depart, leaving party, party, parking, garde, on call, soleil, pluie, rain, sunny, beau, nice weather, vacances de noel, noel, christmas, recette, recipe, musique, music' },
  { concept: '#clinical', terms: 'patient, patients, posologie, dose, dosage, paracetamol, doliprane, fievre, fever, chambre, ordonnance, prescription, medecin, doctor, infirmiere, nurse, urgences, radiologie, radiology, scanner irm, irm, mri, cardiologie, cardiology, bloc, tension, blood pressure, symptome, symptoms' },
  { concept: '#room', terms: 'salle, salles, room, rooms, reunion, meeting, salle de reunion, meeting room, visio, visioconference' },
];

/**
 * Ordinary words one edit away from a typo-repair target, which must stay what they are ("commence" is not
 * "commende", "passez-moi" is not "passed", "un conseiller" is an advisor, not advice).
 */
export const FUZZY_STOPLIST: ReadonlySet<string> = new Set([
  'commence', 'commencer', 'compte', 'comptes', 'conseiller', 'conseillers', 'passez', 'passee', 'rather', 'services',
  'servir', 'supplies', 'derriere', 'parties', 'partie', 'remain', 'retire', 'centre', 'mettre', 'lettre', 'lettres',
  'postes', 'heures', 'toutes', 'quelles', 'should', 'could', 'would', 'grande', 'prises', 'texte', 'reset', 'served',
  'serves', 'nerves', 'charge', 'charger', 'orders', 'border', 'borders', 'marches', 'mondes', 'ordres',
]);
