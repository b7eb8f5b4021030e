"""Catalogue ``room.*``: the room, participants scoring from their phones (:mod:`sieve.room`)."""

FR: dict[str, str] = {
    # the participant's pages
    "room.lang_name": "Français",
    "room.other_lang": "English",
    "room.title": "Notation de la séance",
    "room.join.heading": "Rejoindre la séance",
    "room.join.code": "Code de la séance",
    "room.join.code_help": "Le code affiché à l'écran (6 chiffres).",
    "room.join.submit": "Entrer",
    "room.names.heading": "Qui êtes-vous ?",
    "room.names.legend": "Choisissez votre nom",
    "room.names.taken": "déjà pris",
    "room.names.none": "Tous les noms sont pris : demandez à l'animateur·rice.",
    "room.names.new": "Ou ajoutez-vous (prénom et nom)",
    "room.names.submit": "C'est moi",
    "room.cases.heading": "À noter",
    "room.cases.hello": "Vous notez en tant que {name}.",
    "room.cases.hello_elided": "Vous notez en tant qu'{name}.",
    "room.cases.subject": "Sujet",
    "room.cases.case": "Cas",
    "room.cases.progress": "{given} / {total} donnés",
    "room.cases.closed": "La notation est close : vos réponses sont enregistrées.",
    "room.cases.revealed": "Les résultats du groupe sont affichés à l'écran.",
    "room.cases.blind": "Vous ne voyez que vos propres réponses.",
    "room.score.subject_legend": "Critères du sujet (notés une fois pour le sujet)",
    "room.score.case_legend": "Critères de ce cas (le sujet et son angle d'attaque)",
    "room.score.level": "{level} — {meaning}",
    "room.score.abstain": "Je ne sais pas",
    "room.score.note": "Note (facultative)",
    "room.score.note_help": "{max} caractères au plus.",
    "room.score.save": "Enregistrer",
    "room.score.save_next": "Enregistrer et continuer",
    "room.score.back": "Retour à la liste",
    "room.score.saved": "Enregistré.",
    "room.score.group": "Niveau du groupe : {level}",
    "room.score.none": "Rien à noter ici.",
    # refusals (the body of a 4xx page)
    "room.error.heading": "Refusé",
    "room.error.back": "Revenir à la séance",
    "room.error.code": "Ce code n'est pas celui de la séance.",
    "room.error.rate": "Trop d'essais de code : réessayez dans une minute.",
    "room.error.token": "Cet appareil n'a pas rejoint la séance (ou son nom a été libéré).",
    "room.error.forged": "Formulaire refusé : il ne vient pas de cette page de la séance.",
    "room.error.scorer": "Ce nom n'existe pas dans la séance.",
    "room.error.taken": "Ce nom est déjà pris par un autre appareil.",
    "room.error.new_closed": "L'animateur·rice n'autorise pas l'ajout de nouveaux noms.",
    "room.error.name": "Ce nom ne convient pas : {reason}",
    "room.error.key": "Ce sujet ou ce cas n'existe pas : {key}",
    "room.error.no_key": "Aucun sujet ni cas choisi : choisissez-en un dans la liste.",
    "room.error.criterion": "Ce critère ne s'applique pas ici : {criterion}",
    "room.error.level": "Niveau hors de l'échelle du critère {criterion} : {level}",
    "room.error.note": "Note trop longue : {length} caractères, {max} au plus.",
    "room.error.field": "Champ inconnu : {field}",
    "room.error.twice": "Champ donné deux fois : {field}",
    "room.error.body": (
        "Envoi illisible : il doit venir du formulaire de la page (texte en UTF-8). "
        "Rien n'a été enregistré."
    ),
    "room.error.locked": "La notation est close : rien n'a été enregistré.",
    "room.error.size": "Envoi trop gros : rien n'a été enregistré.",
    "room.error.busy": "Le fichier n'a pas pu être enregistré, réessayez : {reason}",
    "room.error.repairing": "La séance est en cours de correction, réessayez dans un instant.",
    "room.error.not_found": "Page inconnue.",
    "room.error.method": "Méthode non permise.",
    # the facilitator (headless command)
    "room.cli.host": (
        "l'adresse d'écoute (127.0.0.1 par défaut ; l'adresse du réseau local pour les téléphones)"
    ),
    "room.cli.port": "le port (8027 par défaut)",
    "room.cli.port_range": "port invalide : {value} (un nombre de 0 à 65535 attendu)",
    "room.cli.allow_new": "permettre aux participant·es de s'ajouter comme nouvelles personnes",
    "room.cli.open": "Salle ouverte : {url}",
    "room.cli.code": "Code de la séance : {code}",
    "room.cli.addresses": "Adresses de cette machine : {addresses}",
    "room.cli.local_only": (
        "Seule cette machine peut joindre 127.0.0.1 : pour les téléphones, relancez "
        "avec --host et une adresse ci-dessus."
    ),
    "room.cli.commands": (
        "Commandes : lock (clore), open (rouvrir), reveal (révéler), free NOM (libérer "
        "un nom), vote open / vote close (ouvrir / fermer le vote), status, quit. "
        "Ctrl+C arrête."
    ),
    "room.cli.status": (
        "{joined} participant·es, {given} niveaux donnés ; {state} ; {vote}, {voters} votant·es"
    ),
    "room.cli.vote_usage": "Vote : tapez « vote open » ou « vote close ».",
    "room.cli.stopped": "Salle fermée.",
    "room.cli.port_taken": "Impossible d'écouter sur {host}:{port} : {reason}",
    "room.cli.in_use": (
        "le port est déjà pris (une autre salle est ouverte ?) : fermez-la, ou choisissez "
        "un autre port avec --port N"
    ),
    "room.cli.unknown_command": "Commande inconnue : {command}",
    "room.cli.freed": "Nom libéré : {name}",
    "room.cli.free_unknown": "Nom inconnu dans la séance : {name} (noms pris : {taken})",
    "room.cli.free_not_taken": "Aucun téléphone ne tient ce nom : {name} (noms pris : {taken})",
    # states, the app's Room screen
    "room.state.open": "notation ouverte",
    "room.state.closed": "notation close",
    "room.state.revealed": "résultats révélés",
    "room.screen.address": "Adresse",
    "room.screen.code": "Code",
    "room.screen.joined": "Ont rejoint ({count}) :",
    "room.screen.nobody": "personne pour l'instant",
    "room.screen.progress": "Ont noté, par cas (jamais les niveaux en mode aveugle) :",
    "room.screen.stopped": "La salle est fermée. Entrée : ouvrir la salle.",
    "room.screen.keys": (
        "Aussi : f libérer le nom choisi · n ajout de noms · o ouvrir/fermer le vote"
    ),
    "room.screen.allow_new": "Ajout de noms par les participant·es : {state}",
    "room.screen.yes": "permis",
    "room.screen.no": "non",
    "room.screen.failed": "La salle n'a pas pu s'ouvrir : {reason}",
    "room.screen.port_taken": (
        "Le port {port} est déjà pris (une autre salle est ouverte ?) : fermez-la, ou "
        "lancez la salle avec « sieve room SESSION --port N »."
    ),
    "room.screen.host_while_open": (
        "L'adresse se change quand la salle est fermée (Entrée ferme la salle)."
    ),
    "room.cases.vote": "Le vote est ouvert : une mention par cas.",
    "room.cases.vote_link": "Voter",
    "room.vote.heading": "Vote",
    "room.vote.hello": "Vous votez en tant que {name}.",
    "room.vote.hello_elided": "Vous votez en tant qu'{name}.",
    "room.vote.help": (
        "Pour chaque cas, choisissez une mention, de la plus basse à la plus haute. "
        "Vous ne voyez que vos propres mentions."
    ),
    "room.vote.none": "Sans mention",
    "room.vote.submit": "Enregistrer mon vote",
    "room.vote.saved": "Vote enregistré.",
    "room.vote.closed": (
        "Le vote n'est pas ouvert : vous ne pouvez pas voter ni changer vos mentions pour "
        "l'instant."
    ),
    "room.vote.empty": "Aucun cas sur le bulletin.",
    "room.error.vote_closed": "Le vote n'est pas ouvert : rien n'a été enregistré.",
    "room.error.no_vote": "Cette séance n'a pas de vote (le tamis n'a pas d'échelle de mentions).",
    "room.error.ballot": "Ce cas n'est pas sur le bulletin : {case}",
    "room.error.mention": "Mention hors de l'échelle du vote pour {case} : {level}",
    "room.state.vote_open": "vote ouvert",
    "room.state.vote_closed": "vote fermé",
    "room.screen.vote": "Vote des téléphones : {state} ; ont voté : {count}",
}

EN: dict[str, str] = {
    "room.lang_name": "English",
    "room.other_lang": "Français",
    "room.title": "Session scoring",
    "room.join.heading": "Join the session",
    "room.join.code": "Session code",
    "room.join.code_help": "The code shown on the screen (6 digits).",
    "room.join.submit": "Enter",
    "room.names.heading": "Who are you?",
    "room.names.legend": "Choose your name",
    "room.names.taken": "taken",
    "room.names.none": "Every name is taken: ask the facilitator.",
    "room.names.new": "Or add yourself (first and last name)",
    "room.names.submit": "That's me",
    "room.cases.heading": "To score",
    "room.cases.hello": "You are scoring as {name}.",
    "room.cases.hello_elided": "You are scoring as {name}.",
    "room.cases.subject": "Subject",
    "room.cases.case": "Case",
    "room.cases.progress": "{given} / {total} given",
    "room.cases.closed": "Scoring is closed: your answers are saved.",
    "room.cases.revealed": "The group's results are on the screen.",
    "room.cases.blind": "You see only your own answers.",
    "room.score.subject_legend": "Subject criteria (scored once for the subject)",
    "room.score.case_legend": "Criteria of this case (the subject and its angle)",
    "room.score.level": "{level} — {meaning}",
    "room.score.abstain": "I don't know",
    "room.score.note": "Note (optional)",
    "room.score.note_help": "At most {max} characters.",
    "room.score.save": "Save",
    "room.score.save_next": "Save and continue",
    "room.score.back": "Back to the list",
    "room.score.saved": "Saved.",
    "room.score.group": "Group level: {level}",
    "room.score.none": "Nothing to score here.",
    "room.error.heading": "Refused",
    "room.error.back": "Back to the session",
    "room.error.code": "That is not the session's code.",
    "room.error.rate": "Too many code attempts: try again in a minute.",
    "room.error.token": "This device has not joined the session (or its name was freed).",
    "room.error.forged": "Form refused: it does not come from this session's page.",
    "room.error.scorer": "That name is not in the session.",
    "room.error.taken": "That name is already taken by another device.",
    "room.error.new_closed": "The facilitator does not allow adding new names.",
    "room.error.name": "That name will not do: {reason}",
    "room.error.key": "No such subject or case: {key}",
    "room.error.no_key": "No subject or case chosen: choose one from the list.",
    "room.error.criterion": "That criterion does not apply here: {criterion}",
    "room.error.level": "Level outside the scale of criterion {criterion}: {level}",
    "room.error.note": "Note too long: {length} characters, at most {max}.",
    "room.error.field": "Unknown field: {field}",
    "room.error.twice": "Field given twice: {field}",
    "room.error.body": (
        "Unreadable request: it must come from the page's form (text in UTF-8). Nothing was saved."
    ),
    "room.error.locked": "Scoring is closed: nothing was saved.",
    "room.error.size": "Too large a request: nothing was saved.",
    "room.error.busy": "The file could not be saved, try again: {reason}",
    "room.error.repairing": "The session is being corrected, try again in a moment.",
    "room.error.not_found": "No such page.",
    "room.error.method": "Method not allowed.",
    "room.cli.host": (
        "the address to listen on (default 127.0.0.1; the local network's address for phones)"
    ),
    "room.cli.port": "the port (default 8027)",
    "room.cli.port_range": "invalid port: {value} (a number from 0 to 65535 expected)",
    "room.cli.allow_new": "let participants add themselves as new scorers",
    "room.cli.open": "Room open: {url}",
    "room.cli.code": "Session code: {code}",
    "room.cli.addresses": "This machine's addresses: {addresses}",
    "room.cli.local_only": (
        "Only this machine can reach 127.0.0.1: for phones, start again with --host and "
        "an address above."
    ),
    "room.cli.commands": (
        "Commands: lock (close), open (reopen), reveal, free NAME (free a name), "
        "vote open / vote close (open / close the vote), status, quit. Ctrl+C stops."
    ),
    "room.cli.status": (
        "{joined} participant(s), {given} levels given; {state}; {vote}, {voters} voter(s)"
    ),
    "room.cli.vote_usage": "Vote: type “vote open” or “vote close”.",
    "room.cli.stopped": "Room closed.",
    "room.cli.port_taken": "Cannot listen on {host}:{port}: {reason}",
    "room.cli.in_use": (
        "the port is already taken (another room open?): close it, or choose another port "
        "with --port N"
    ),
    "room.cli.unknown_command": "Unknown command: {command}",
    "room.cli.freed": "Name freed: {name}",
    "room.cli.free_unknown": "No such name in the session: {name} (names taken: {taken})",
    "room.cli.free_not_taken": "No phone holds that name: {name} (names taken: {taken})",
    "room.state.open": "scoring open",
    "room.state.closed": "scoring closed",
    "room.state.revealed": "results revealed",
    "room.screen.address": "Address",
    "room.screen.code": "Code",
    "room.screen.joined": "Joined ({count}):",
    "room.screen.nobody": "nobody yet",
    "room.screen.progress": "Have scored, per case (never the levels in blind mode):",
    "room.screen.stopped": "The room is closed. Enter: open the room.",
    "room.screen.keys": "Also: f free the picked name · n adding names · o open/close the vote",
    "room.screen.allow_new": "Participants adding their own name: {state}",
    "room.screen.yes": "allowed",
    "room.screen.no": "no",
    "room.screen.failed": "The room could not open: {reason}",
    "room.screen.port_taken": (
        "Port {port} is already taken (another room open?): close it, or start the room "
        "with “sieve room SESSION --port N”."
    ),
    "room.screen.host_while_open": (
        "The address is changed while the room is closed (Enter closes the room)."
    ),
    "room.cases.vote": "The vote is open: one mention per case.",
    "room.cases.vote_link": "Vote",
    "room.vote.heading": "Vote",
    "room.vote.hello": "You are voting as {name}.",
    "room.vote.hello_elided": "You are voting as {name}.",
    "room.vote.help": (
        "For each case, choose a mention, from the lowest to the highest. "
        "You see only your own mentions."
    ),
    "room.vote.none": "No mention",
    "room.vote.submit": "Save my vote",
    "room.vote.saved": "Vote saved.",
    "room.vote.closed": "The vote is not open: you cannot vote or change your mentions for now.",
    "room.vote.empty": "No case on the ballot.",
    "room.error.vote_closed": "The vote is not open: nothing was saved.",
    "room.error.no_vote": "This session has no vote (the tamis has no scale of mentions).",
    "room.error.ballot": "This case is not on the ballot: {case}",
    "room.error.mention": "Mention outside the vote's scale for {case}: {level}",
    "room.state.vote_open": "vote open",
    "room.state.vote_closed": "vote closed",
    "room.screen.vote": "Phones' vote: {state}; have voted: {count}",
}
