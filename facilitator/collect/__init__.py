"""The online idea collection after a workshop (seed 003, step 3): prepare, serve, bring back.

`collection` holds the rules of one collection (dates, themes, what an idea may be),
`prepare` writes a collection file from a process, `app` is the public server,
`importing` and `survey` bring ideas back into the process's register, and `poster`
prints the notice with the QR code. Only `app` and `writer` know the web.
"""
